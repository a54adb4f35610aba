using DataGuard.Model;

namespace DataGuard.EFCore.Subjects;

/// <summary>
/// What erasure does to one entity's rows of the subject, and why, decided once by <see cref="ErasureDecider"/> before
/// anything of the entity is written and carried out by <see cref="ErasureExecutor"/>.
/// </summary>
internal sealed record ErasureDecision
{
    /// <summary>The action the report names: the configured one, or the one it fell back to (the reasons say why).</summary>
    public required ErasureAction Action { get; init; }

    /// <summary>Whether <see cref="Action"/> is carried out on the rows that are not kept; false when every row is kept
    /// (or the subject has none).</summary>
    public bool Acts { get; init; }

    /// <summary>The rows kept.</summary>
    public long Kept { get; init; }

    /// <summary>Why rows are kept, or why the action differs from the configured one; no personal data.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>For a delete: per entity the rows the database's cascade deletes with these, counted before.</summary>
    public IReadOnlyList<(string Entity, long Rows)> Cascaded { get; init; } = [];
}
