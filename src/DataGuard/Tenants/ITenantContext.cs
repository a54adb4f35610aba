using DataGuard.Audit;

namespace DataGuard.Tenants;

/// <summary>
/// The tenant (customer organisation) the current code works for, or none for platform-level work. In ASP.NET Core the
/// tenant resolution middleware (<c>AddTenantResolution</c> / <c>UseTenantResolution</c>) opens a scope per request;
/// background work opens one explicitly: <c>using (tenants.Begin("acme")) { … }</c>. The scope flows with the
/// asynchronous call like <see cref="Audit.IAuditContext"/>.
/// </summary>
/// <remarks>
/// Nesting rules: a scope for the tenant already current may be opened inside another (it changes nothing); a scope for
/// a different tenant inside an open one is refused with <see cref="TenantMismatchException"/>, so one flow never
/// switches tenant half-way (run each tenant's work on a flow of its own, for example one <c>Begin</c> per loop
/// iteration of a background job). There is no way back to "no tenant" inside a tenant's scope. Disposing a scope
/// restores the scope that was current when it was opened (and ends scopes opened inside it that are still open);
/// disposing twice does nothing. As with any <see cref="AsyncLocal{T}"/>, a scope opened inside an <c>async</c> method
/// ends for the caller when that method returns: open it in the method that does the work.
/// </remarks>
public interface ITenantContext
{
    /// <summary>The tenant id of the innermost open scope, or <see langword="null"/> for platform-level work.</summary>
    string? Current { get; }

    /// <summary>Opens a scope for <paramref name="tenantId"/> until the returned object is disposed.</summary>
    /// <param name="tenantId">The tenant id: 1 to 64 characters of <c>a-z</c>, <c>0-9</c>, <c>-</c>, <c>_</c> and
    /// <c>.</c>, starting and ending with a letter or digit (one spelling per tenant, so ids compare ordinally).</param>
    /// <returns>The scope; dispose it to end it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tenantId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tenantId"/> is not a valid tenant id.</exception>
    /// <exception cref="TenantMismatchException">A scope for another tenant is open on this flow.</exception>
    IDisposable Begin(string tenantId);

    /// <summary>The current tenant id, for work that must not run without one.</summary>
    /// <returns>The tenant id of the innermost open scope.</returns>
    /// <exception cref="TenantRequiredException">No tenant scope is open: there is no fallback to a default tenant.</exception>
    string RequireTenant();
}
