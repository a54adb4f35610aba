namespace DataGuard.AspNetCore.Tenants;

/// <summary>What reading a request's tenant sources came to.</summary>
internal enum TenantResolutionOutcome
{
    /// <summary>The sources that found a value agree on one valid tenant id.</summary>
    Resolved,

    /// <summary>No source found a tenant.</summary>
    None,

    /// <summary>A value is not a valid tenant id (or the host name is too deep).</summary>
    Invalid,

    /// <summary>The sources name different tenants, or a signed-in user has no tenant claim.</summary>
    Conflict,
}
