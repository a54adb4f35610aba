namespace DataGuard.EFCore.Tenants;

/// <summary>Rows of one <see cref="TenantTable"/>, counted or deleted.</summary>
internal sealed record TenantTableCount(TenantTable Table, long Rows);
