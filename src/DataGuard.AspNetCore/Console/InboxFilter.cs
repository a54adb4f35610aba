using System.Globalization;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Http;

namespace DataGuard.AspNetCore.Console;

/// <summary>The inbox's filters and its page cursor, as they travel in the query string. The cursor is the deadline
/// (UTC ticks) and the random id of the last request of the previous page: no subject id or personal value.</summary>
internal sealed record InboxFilter(SubjectRequestKind? Kind, string Due, OpenRequestCursor? After)
{
    public static InboxFilter Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var kind = Enum.TryParse<SubjectRequestKind>(query["kind"], ignoreCase: false, out var k) && Enum.IsDefined(k) ? k : (SubjectRequestKind?)null;
        var due = query["due"].ToString() is "overdue" or "soon" ? query["due"].ToString() : "all";
        return new InboxFilter(kind, due, Parse(query["after"]));
    }

    public static string Format(OpenRequestCursor cursor)
        => cursor.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "." + cursor.Id.ToString("N");

    private static OpenRequestCursor? Parse(string? text)
    {
        var parts = text?.Split('.') ?? [];
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && ticks <= DateTimeOffset.MaxValue.UtcTicks
               && Guid.TryParseExact(parts[1], "N", out var id)
            ? new OpenRequestCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }
}
