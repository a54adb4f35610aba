namespace DataGuard.EFCore.Tenants;

/// <summary>One table offboarding counts and clears: its name in reports, the delimited table, and the condition that
/// selects the tenant's rows (<c>{0}</c> is the tenant id parameter), or <see langword="null"/> for every row (one
/// database per tenant).</summary>
internal sealed record TenantTable(string Name, string Table, string? Where);
