using System.Globalization;
using System.Text.Json;

namespace DataGuard.Subjects.Packages;

/// <summary>How a column value appears in the package: JSON keeps numbers, booleans and null typed; CSV writes the same
/// text (invariant culture, ISO 8601 dates with instants in UTC ending in <c>Z</c>, base64 bytes) with null as an empty field.</summary>
internal static class ExportValues
{
    public static void WriteJson(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case string text:
                json.WriteString(name, text);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case int or long or short or byte:
                json.WriteNumber(name, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case decimal number:
                json.WriteNumber(name, number);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumber(name, number);
                break;
            case float number when float.IsFinite(number):
                json.WriteNumber(name, number);
                break;
            case byte[] bytes:
                json.WriteBase64String(name, bytes);
                break;
            default:
                json.WriteString(name, Text(value));
                break;
        }
    }

    /// <summary>The value's text, or <see langword="null"/> for null.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        Guid guid => guid.ToString("D"),
        DateTime date => Utc(date).ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset date => date.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        Enum e => e.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Every exported instant is UTC and says so (<c>Z</c>). A value without a kind (SQLite gives every
    /// <c>DateTime</c> that way, PostgreSQL a <c>timestamp without time zone</c>) is read as UTC, which is how EF Core
    /// applications are expected to store instants; a local one is converted.</summary>
    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
