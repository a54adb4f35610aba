namespace DataGuard.Model;

/// <summary>
/// Marks the property that holds the id of the tenant a row belongs to, in a database that several tenants share. With
/// DataGuard.EFCore, SaveChanges stamps the current tenant (<c>ITenantContext.Current</c>) into it and refuses a row of
/// another tenant, and every query DataGuard runs over the entity (export, erasure, retention, re-encryption,
/// <c>WhereEncrypted</c>) is limited to the current tenant's rows, whatever query filters the application declares.
/// </summary>
/// <remarks>A type has at most one tenant property, a <see cref="string"/> (nullable allowed; tenant ids are at most 64
/// characters). The fluent equivalent is <c>HasTenant(e =&gt; e.TenantId)</c>. See docs/tenants.md.</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class TenantIdAttribute : Attribute
{
}
