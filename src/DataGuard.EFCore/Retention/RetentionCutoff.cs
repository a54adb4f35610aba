using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Retention;

/// <summary>Turns a retention cutoff instant into a value of the date property's type, for retention's purge and
/// erasure's retention minimum alike.</summary>
internal static class RetentionCutoff
{
    /// <summary>The cutoff in the date property's type. PostgreSQL keeps microseconds, so the cutoff is rounded up to
    /// the next one: for stored (whole-microsecond) values, <c>x &lt; ceil(c)</c> holds exactly when <c>x &lt; c</c>,
    /// whereas the provider would truncate it and keep a row one tick past its period.</summary>
    public static object For(DateTimeOffset dueBefore, Type type, DbContext context)
    {
        if (context.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            var remainder = dueBefore.UtcTicks % 10;
            dueBefore = remainder == 0 ? dueBefore : dueBefore.AddTicks(10 - remainder);
        }

        return type == typeof(DateTime) ? dueBefore.UtcDateTime
            : type == typeof(DateTimeOffset) ? dueBefore.ToUniversalTime()
            : DateOnly.FromDateTime(dueBefore.UtcDateTime);
    }
}
