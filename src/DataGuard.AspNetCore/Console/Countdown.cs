using System.Globalization;

namespace DataGuard.AspNetCore.Console;

/// <summary>A deadline as people read it: "due in 3 days", "overdue by 2 days", and how urgent it is.</summary>
internal static class Countdown
{
    public static (string Text, string CssClass) Describe(DateTimeOffset dueAt, DateTimeOffset now, TimeSpan dueSoonWithin, bool open)
    {
        if (!open)
        {
            return ("closed", "badge");
        }

        var left = dueAt - now;
        if (left < TimeSpan.Zero)
        {
            return ("overdue by " + Span(-left), "badge badge-overdue");
        }

        return ("due in " + Span(left), left <= dueSoonWithin ? "badge badge-soon" : "badge badge-ok");
    }

    public static string Span(TimeSpan span)
    {
        if (span.TotalDays >= 1)
        {
            var days = (int)Math.Floor(span.TotalDays);
            return days.ToString(CultureInfo.InvariantCulture) + (days == 1 ? " day" : " days");
        }

        var hours = Math.Max(0, (int)Math.Floor(span.TotalHours));
        return hours.ToString(CultureInfo.InvariantCulture) + (hours == 1 ? " hour" : " hours");
    }
}
