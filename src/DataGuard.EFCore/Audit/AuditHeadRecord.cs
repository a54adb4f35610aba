namespace DataGuard.EFCore.Audit;

/// <summary>The row holding a chain's head. Every append locks the platform chain's row first (an UPDATE inside the
/// appending transaction), so appends from any number of processes are serialised by the database and every chain stays
/// linear. The platform's row is the seeded <see cref="SingletonId"/>; a tenant's row is added by its chain's first
/// append.</summary>
internal sealed class AuditHeadRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    /// <summary>The chain whose head this is (<see cref="AuditTenant.Platform"/> for the platform's).</summary>
    public string TenantId { get; set; } = AuditTenant.Platform;

    public long Sequence { get; set; }
    public byte[] Hash { get; set; } = [];
}
