namespace DataGuard.Tenants.Keys;

/// <summary>What shredding a tenant's key-encryption key would destroy, as <see cref="TenantKeyShredder.CheckAsync"/>
/// found it: the check-first step <see cref="TenantKeyShredder.ShredAsync"/> requires.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="KeyEncryptionKeyIds">The ids of the tenant's key-encryption keys that still have material.</param>
/// <param name="TenantKeyCount">How many of the tenant's data and blind-index keys they wrap (subject keys not counted).</param>
/// <param name="CheckedAt">When the check ran.</param>
internal sealed record TenantKeyShredPlan(string Tenant, IReadOnlyList<int> KeyEncryptionKeyIds, int TenantKeyCount, DateTimeOffset CheckedAt);
