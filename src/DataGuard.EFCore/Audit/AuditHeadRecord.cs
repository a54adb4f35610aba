namespace DataGuard.EFCore.Audit;

/// <summary>The single row holding the chain head. Every append locks it first (an UPDATE inside the appending
/// transaction), so appends from any number of processes are serialised by the database and the chain stays linear.</summary>
internal sealed class AuditHeadRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; }
    public long Sequence { get; set; }
    public byte[] Hash { get; set; } = [];
}
