using DataGuard.Model;

namespace DataGuard.Subjects;

/// <summary>What an erasure did to one entity's rows of the subject, and what it kept and why.</summary>
public sealed class ErasureEntityReport
{
    /// <summary>The entity's name in the personal-data model.</summary>
    public required string Entity { get; init; }

    /// <summary>The action applied to the rows that were not kept (after any fallback, see <see cref="Reasons"/>).</summary>
    public required ErasureAction Action { get; init; }

    /// <summary>Rows deleted.</summary>
    public long Deleted { get; init; }

    /// <summary>Rows whose personal properties and blind indexes were cleared.</summary>
    public long Anonymized { get; init; }

    /// <summary>Rows left in place whose encrypted values the subject's destroyed key made unreadable.</summary>
    public long Shredded { get; init; }

    /// <summary>Rows kept unchanged because a retention minimum or a legal hold requires them (their blind indexes are
    /// cleared, and processing of the subject is restricted where a consent service is registered).</summary>
    public long Kept { get; init; }

    /// <summary>Why rows were kept, or why the action differs from the configured one; no personal data.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}
