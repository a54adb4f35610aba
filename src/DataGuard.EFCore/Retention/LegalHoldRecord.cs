using DataGuard.Subjects;

namespace DataGuard.EFCore.Retention;

/// <summary>A row of <c>DataGuardLegalHolds</c>; exactly one of <see cref="SubjectId"/> and <see cref="EntityType"/> is set.</summary>
internal sealed class LegalHoldRecord
{
    public Guid Id { get; set; }

    /// <summary>The tenant whose rows the hold keeps, or <see langword="null"/> for a hold placed outside any tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>The canonical subject id (<see cref="DataGuard.Subjects.SubjectId"/>).</summary>
    public string? SubjectId { get; set; }

    public string? EntityType { get; set; }

    public string Reason { get; set; } = "";

    public string PlacedBy { get; set; } = "";

    public DateTimeOffset PlacedAt { get; set; }

    public string? ReleasedBy { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }
}
