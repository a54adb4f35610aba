using System.Security.Cryptography.X509Certificates;

namespace DataGuard.Tenants.Lifecycle;

/// <summary>The tenant retention policy of <see cref="ITenantLifecycle"/>, set with <c>AddTenantOffboarding(…)</c>.</summary>
public sealed class TenantOffboardingOptions
{
    /// <summary>How long after the contract end the tenant's data is kept (for handover, disputes, a late renewal)
    /// before offboarding may destroy it. Defaults to 365 days; must not be negative.</summary>
    public TimeSpan RetentionAfterContractEnd { get; set; } = TimeSpan.FromDays(365);

    /// <summary>What happens to the tenant's rows after its key is shredded. Defaults to <see cref="TenantRowDisposal.Delete"/>.</summary>
    public TenantRowDisposal Rows { get; set; } = TenantRowDisposal.Delete;

    /// <summary>Signs the offboarding report; needs its private key. When null, <c>SubjectRights.SigningCertificate</c>
    /// signs it; without either, offboarding is refused (the report is the evidence of the deletion).</summary>
    public X509Certificate2? SigningCertificate { get; set; }

    /// <summary>Set when each tenant has a database of its own and the model has no tenant column: offboarding then
    /// deletes every row of every application table in the tenant's database. Without it, a model without a tenant
    /// column is refused, so a platform database shared without tenant columns is never emptied by mistake.</summary>
    public bool DatabasePerTenant { get; set; }

    /// <summary>Where offboarding writes the tenant's signed handover archive (<see cref="TenantHandoverArchive"/>: every
    /// data subject's export package, decrypted, for the customer) before anything is deleted or shredded; when null (the
    /// default) no archive is written. An absolute path to an existing directory, which must not be shared with
    /// anyone but the operators: the archive holds the tenant's personal data in clear. The file is named
    /// <c>&lt;tenant&gt;.&lt;yyyyMMddTHHmmssZ&gt;.handover.zip</c>; the offboarding report records its SHA-256.</summary>
    public string? HandoverArchiveDirectory { get; set; }
}
