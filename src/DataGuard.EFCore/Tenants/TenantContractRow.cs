namespace DataGuard.EFCore.Tenants;

/// <summary>A row of <c>DataGuardTenantContracts</c>: when a tenant's contract ends and, once it was offboarded, the signed
/// report of what was destroyed (counts, names and key ids only: no personal data).</summary>
internal sealed class TenantContractRow
{
    public string TenantId { get; set; } = "";

    /// <summary>The contract end, in UTC.</summary>
    public DateTime ContractEndsAt { get; set; }

    public DateTime RecordedAt { get; set; }

    public DateTime? OffboardedAt { get; set; }

    public byte[]? Report { get; set; }

    public byte[]? ReportSignature { get; set; }

    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
