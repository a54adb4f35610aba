namespace DataGuard.Tenants.Lifecycle;

/// <summary>What offboarding does with the tenant's rows once its key-encryption key is shredded.</summary>
public enum TenantRowDisposal
{
    /// <summary>Deletes every row of the tenant (entities with a tenant column, or every application table with one
    /// database per tenant), dependents first, in one transaction.</summary>
    Delete = 0,

    /// <summary>Leaves the rows in place: their personal values are encrypted under keys that no longer exist, so they
    /// cannot be read again; columns that are not <c>[Personal]</c> stay as they are.</summary>
    LeaveUnreadable = 1,
}
