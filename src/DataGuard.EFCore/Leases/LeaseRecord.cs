namespace DataGuard.EFCore.Leases;

/// <summary>A row of <c>DataGuardLeases</c>: which instance works a named job (a retention policy) until when.</summary>
internal sealed class LeaseRecord
{
    public string Name { get; set; } = "";

    public string Holder { get; set; } = "";

    /// <summary>UTC; after it, any instance may take the lease over (its holder is presumed dead).</summary>
    public DateTime ExpiresAt { get; set; }
}
