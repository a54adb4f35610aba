using System.Globalization;

namespace DataGuard.Subjects;

/// <summary>Parses canonical subject-id text into the CLR type of a data-subject column.</summary>
internal static class SubjectValue
{
    /// <summary>The value, or <see langword="null"/> when the text cannot be a value of the type (a Guid id against an
    /// int column): no row can match it.</summary>
    public static object? Parse(Type type, string subject)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(Guid) ? (Guid.TryParse(subject, out var g) ? g : null)
            : type == typeof(int) ? (int.TryParse(subject, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null)
            : type == typeof(long) ? (long.TryParse(subject, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null)
            : subject;
    }
}
