namespace DataGuard.Tenants.Lifecycle;

/// <summary>How many rows of one entity (or one of DataGuard's stores) offboarding counted or destroyed.</summary>
/// <param name="Name">The entity's DataGuard name, or the store's table.</param>
/// <param name="Rows">The rows.</param>
public sealed record TenantOffboardingCount(string Name, long Rows);
