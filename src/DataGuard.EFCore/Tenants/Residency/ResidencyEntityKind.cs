namespace DataGuard.EFCore.Tenants.Residency;

/// <summary>How the residency rule finds a row's tenant (<see cref="ResidencyEntityKinds"/>).</summary>
internal enum ResidencyEntityKind
{
    /// <summary>No tenant's data: neither personal, nor with a tenant column, nor a DataGuard row with a tenant.</summary>
    None,

    /// <summary>A DataGuard table with a <c>TenantId</c> column: the row's own value (null for the platform's).</summary>
    StoreRow,

    /// <summary>An application entity with a tenant column: the column's value.</summary>
    TenantColumn,

    /// <summary>An application entity holding personal data without a tenant column: the current tenant's.</summary>
    Personal,
}
