using DataGuard.Subjects;

namespace DataGuard.Retention;

/// <summary>
/// A legal hold: rows of a data subject, or of a whole entity type, that must not be purged while the hold is active
/// (litigation, an investigation, a regulator's request), whatever their retention period says.
/// </summary>
public sealed class LegalHold
{
    /// <summary>The hold's id, used to release it.</summary>
    public required Guid Id { get; init; }

    /// <summary>The data subject whose rows are held, or <see langword="null"/> for a hold on an entity type.</summary>
    public SubjectId? Subject { get; init; }

    /// <summary>The entity type whose rows are held, or <see langword="null"/> for a hold on a subject.</summary>
    public string? EntityType { get; init; }

    /// <summary>Why the rows are held, for example a case reference.</summary>
    public required string Reason { get; init; }

    /// <summary>Who placed the hold.</summary>
    public required string PlacedBy { get; init; }

    /// <summary>When the hold was placed.</summary>
    public required DateTimeOffset PlacedAt { get; init; }

    /// <summary>Who released the hold, once released.</summary>
    public string? ReleasedBy { get; init; }

    /// <summary>When the hold was released, or <see langword="null"/> while it is active.</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>Whether the hold still keeps rows from being purged.</summary>
    public bool IsActive => ReleasedAt is null;
}
