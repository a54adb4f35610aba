namespace DataGuard.EFCore.Subjects;

/// <summary>A row of DataGuard's erasure-report table: one executed erasure request's report, as signed.</summary>
internal sealed class ErasureReportRow
{
    public Guid RequestId { get; set; }

    /// <summary>The tenant of the erasure request, or <see langword="null"/> for a request made outside any tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>When the report was stored, in UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public byte[] Json { get; set; } = [];

    public byte[]? Signature { get; set; }
}
