using System.Globalization;
using DataGuard.Model;

namespace DataGuard.Subjects;

/// <summary>
/// The one spelling of a subject id for a personal-data model, decided by the CLR types of its data-subject properties:
/// <list type="bullet">
/// <item>Only <see cref="Guid"/> and number subjects: text that <see cref="Guid.TryParse(string?, out Guid)"/> reads (any
/// case, with or without hyphens or braces, surrounding white space) becomes the lower-case "D" form; otherwise an
/// invariant integer (optional sign, leading zeros, surrounding white space; in the range of the widest number type)
/// becomes its decimal text without leading zeros. Any other text cannot name a subject of the model and is refused.</item>
/// <item>A <see cref="string"/> subject anywhere in the model, or no subject at all: ids are taken as given and compared
/// ordinally, because a string subject "007" and a number subject 7 cannot be told apart; the application passes one
/// spelling.</item>
/// </list>
/// Consent records, subject keys, legal holds, requests and audit entries are keyed by this text, and the entities'
/// own values (<see cref="SubjectId.From(object?)"/>) already have it, so every spelling of one subject reaches the same
/// rows, keys and records.
/// </summary>
internal sealed class SubjectIdCanonicalizer
{
    [Flags]
    private enum Kinds
    {
        None = 0,
        Guid = 1,
        Int32 = 2,
        Int64 = 4,
        String = 8,
    }

    private readonly Lazy<Kinds> _kinds;

    /// <summary>Takes every id as given (no model, or a model without data subjects).</summary>
    public static SubjectIdCanonicalizer AsGiven { get; } = new([]);

    /// <summary>The rule for a model whose data-subject properties have these CLR types (nullable or not).</summary>
    public SubjectIdCanonicalizer(IEnumerable<Type> subjectTypes)
    {
        var kinds = KindsOf(subjectTypes);
        _kinds = new Lazy<Kinds>(kinds);
    }

    private SubjectIdCanonicalizer(Func<Kinds> kinds) => _kinds = new Lazy<Kinds>(kinds, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The rule of the <see cref="PersonalDataModel"/> registered in <paramref name="services"/>, read on first use
    /// (the EF Core model is built then, not while the container builds a singleton), or <see cref="AsGiven"/> when none
    /// is registered.</summary>
    public static SubjectIdCanonicalizer FromServices(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new SubjectIdCanonicalizer(() => services.GetService(typeof(PersonalDataModel)) is PersonalDataModel model
            ? model.SubjectIds._kinds.Value
            : Kinds.None);
    }

    /// <summary>Whether ids are taken as given (string subjects, or none): nothing is rewritten or refused.</summary>
    public bool TakesAsGiven => _kinds.Value is Kinds.None || _kinds.Value.HasFlag(Kinds.String);

    /// <summary>The canonical id for <paramref name="text"/>, or <see langword="false"/> when the text cannot name a data
    /// subject of the model (not a Guid or number where the model has only those).</summary>
    public bool TryCanonicalize(string? text, out SubjectId subject)
    {
        subject = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var kinds = _kinds.Value;
        if (kinds is Kinds.None || kinds.HasFlag(Kinds.String))
        {
            if (text.Length > SubjectId.MaxLength)
            {
                return false;
            }

            subject = new SubjectId(text);
            return true;
        }

        if (kinds.HasFlag(Kinds.Guid) && Guid.TryParse(text, out var guid))
        {
            subject = guid;
            return true;
        }

        if ((kinds & (Kinds.Int32 | Kinds.Int64)) != 0
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            && (kinds.HasFlag(Kinds.Int64) || number is >= int.MinValue and <= int.MaxValue))
        {
            subject = number;
            return true;
        }

        return false;
    }

    /// <summary>The canonical id, for an entry point that refuses ids that cannot name a subject of the model.</summary>
    /// <exception cref="ArgumentException"><paramref name="subject"/> is default, or is not a spelling of the model's
    /// data-subject type (the message names the type, never the id).</exception>
    public SubjectId Canonicalize(SubjectId subject, string parameterName)
    {
        if (subject == default)
        {
            throw new ArgumentException("The subject id is default(SubjectId) and holds no id.", parameterName);
        }

        return TryCanonicalize(subject.Value, out var canonical)
            ? canonical
            : throw new ArgumentException($"The subject id is not a data subject of this model: its data subjects are {Describe(_kinds.Value)}, and the id " +
                "does not read as one.", parameterName);
    }

    /// <summary>The canonical id where the text is a spelling of the model's subject type, and the text as given
    /// otherwise: for records that must never be refused (the audit trail) and queries over them.</summary>
    public SubjectId CanonicalOrAsGiven(SubjectId subject)
        => subject != default && TryCanonicalize(subject.Value, out var canonical) ? canonical : subject;

    private static Kinds KindsOf(IEnumerable<Type> types)
    {
        var kinds = Kinds.None;
        foreach (var type in types)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            kinds |= t == typeof(Guid) ? Kinds.Guid
                : t == typeof(int) ? Kinds.Int32
                : t == typeof(long) ? Kinds.Int64
                : Kinds.String; // the model validator admits only these four; anything else compares as text
        }

        return kinds;
    }

    private static string Describe(Kinds kinds)
        => string.Join(
            " or ", new[] { (Kinds.Guid, "Guid"), (Kinds.Int32, "int"), (Kinds.Int64, "long") }.Where(k => kinds.HasFlag(k.Item1)).Select(static k => k.Item2));
}
