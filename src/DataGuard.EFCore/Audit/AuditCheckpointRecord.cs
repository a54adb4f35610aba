namespace DataGuard.EFCore.Audit;

/// <summary>A stored signed checkpoint of the chain head.</summary>
internal sealed class AuditCheckpointRecord
{
    public long Sequence { get; set; }
    public DateTime CreatedAt { get; set; }
    public byte[] Hash { get; set; } = [];
    public byte[] SignedData { get; set; } = [];
}
