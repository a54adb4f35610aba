namespace DataGuard.EFCore.Audit;

/// <summary>A stored signed checkpoint of the chain head.</summary>
internal sealed class AuditCheckpointRecord
{
    /// <summary>The chain the checkpoint signs (<see cref="AuditTenant.Platform"/> for the platform's).</summary>
    public string TenantId { get; set; } = AuditTenant.Platform;

    public long Sequence { get; set; }
    public DateTime CreatedAt { get; set; }
    public byte[] Hash { get; set; } = [];
    public byte[] SignedData { get; set; } = [];
}
