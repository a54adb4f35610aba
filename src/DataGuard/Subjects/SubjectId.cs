using System.Globalization;
using DataGuard.Model;

namespace DataGuard.Subjects;

/// <summary>
/// The id of a data subject in its canonical text form, whatever CLR type the application's
/// <see cref="DataSubjectAttribute"/> property has: a <see cref="Guid"/> as 36 lower-case characters with hyphens,
/// numbers in invariant culture, strings as given. Consent records, subject keys, audit entries and exports key on it,
/// so the same person is the same subject everywhere.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SubjectIdJsonConverter))]
public readonly record struct SubjectId
{
    /// <summary>The longest subject id accepted, so that it fits an indexed column on every database.</summary>
    public const int MaxLength = 200;

    /// <summary>Creates a subject id from its canonical text.</summary>
    /// <param name="value">The id; 1 to <see cref="MaxLength"/> characters.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or too long.</exception>
    public SubjectId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.Length > MaxLength)
        {
            throw new ArgumentException($"A subject id has at most {MaxLength} characters.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The canonical text of the id.</summary>
    public string Value => field ?? throw new InvalidOperationException("This SubjectId is default(SubjectId) and holds no id.");

    /// <summary>Converts the value of a <see cref="DataSubjectAttribute"/> property.</summary>
    /// <param name="value">A <see cref="Guid"/>, <see cref="string"/>, <see cref="int"/> or <see cref="long"/>.</param>
    /// <returns>The subject id.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or of another type.</exception>
    public static SubjectId From(object? value) => value switch
    {
        Guid guid => (SubjectId)guid,
        string text => new SubjectId(text),
        int number => (SubjectId)number,
        long number => (SubjectId)number,
        SubjectId id => id,
        null => throw new ArgumentException("A data subject id cannot be null.", nameof(value)),
        _ => throw new ArgumentException($"A data subject id must be Guid, string, int or long, not {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>Converts a <see cref="Guid"/> subject id.</summary>
    /// <param name="id">The id.</param>
    public static implicit operator SubjectId(Guid id) => new(id.ToString("D"));

    /// <summary>Converts a <see cref="string"/> subject id. Explicit, unlike the conversions from value types: a string
    /// may be null, and a null must not compile silently into a subject id that throws at run time.</summary>
    /// <param name="id">The id; 1 to <see cref="MaxLength"/> characters.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, empty or too long.</exception>
    public static explicit operator SubjectId(string id) => new(id);

    /// <summary>Converts an <see cref="int"/> subject id.</summary>
    /// <param name="id">The id.</param>
    public static implicit operator SubjectId(int id) => new(id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Converts a <see cref="long"/> subject id.</summary>
    /// <param name="id">The id.</param>
    public static implicit operator SubjectId(long id) => new(id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Creates a subject id from a <see cref="Guid"/>.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The subject id.</returns>
    public static SubjectId FromGuid(Guid id) => id;

    /// <summary>The canonical text of the id.</summary>
    /// <returns>The id's text.</returns>
    public override string ToString() => Value;
}
