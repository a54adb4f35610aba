namespace DataGuard.AspNetCore.Tenants;

/// <summary>
/// Where a request's tenant comes from: any mix of a claim, the host name, a route value and a header. Every source
/// configured is read; they must agree. A request is refused with 403 when they disagree (a header naming another
/// tenant than the user's claim), and with 400 when a value is not a valid tenant id or none is found while
/// <see cref="Required"/>. Configured with <c>AddDataGuard().AddTenantResolution(o =&gt; o.FromClaim("tenant"))</c>
/// and validated when the host starts.
/// </summary>
public sealed class TenantResolutionOptions
{
    internal List<TenantSource> Sources { get; } = [];

    /// <summary>Whether a request with no tenant is refused (400), unless its endpoint is marked with
    /// <c>AllowMissingTenant()</c>. Default <see langword="true"/>: no silent platform-level requests.</summary>
    public bool Required { get; set; } = true;

    /// <summary>Reads the tenant from the signed-in user's claim of <paramref name="claimType"/>. A signed-in user
    /// without that claim is refused (403) rather than let another source choose the tenant for them.</summary>
    /// <param name="claimType">The claim type, for example <c>"tenant"</c> or <c>"tid"</c>.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentException"><paramref name="claimType"/> is null or empty.</exception>
    public TenantResolutionOptions FromClaim(string claimType) => Add(TenantSourceKind.Claim, claimType);

    /// <summary>Reads the tenant from the first label of the host name under <paramref name="parentDomain"/>:
    /// <c>acme.example.com</c> is tenant <c>acme</c> for <c>"example.com"</c>. The parent domain itself has no tenant;
    /// a deeper name (<c>a.acme.example.com</c>) is refused (400).</summary>
    /// <param name="parentDomain">The domain the tenants' host names are under, for example <c>"example.com"</c>.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentException"><paramref name="parentDomain"/> is null or empty.</exception>
    public TenantResolutionOptions FromHost(string parentDomain)
    {
        ArgumentException.ThrowIfNullOrEmpty(parentDomain);
        return Add(TenantSourceKind.Host, parentDomain.TrimStart('.').ToLowerInvariant());
    }

    /// <summary>Reads the tenant from the route value <paramref name="name"/>, for example <c>{tenant}</c> in
    /// <c>/t/{tenant}/orders</c>. Place <c>UseTenantResolution()</c> after <c>UseRouting()</c>.</summary>
    /// <param name="name">The route parameter's name.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public TenantResolutionOptions FromRouteValue(string name) => Add(TenantSourceKind.Route, name);

    /// <summary>Reads the tenant from the request header <paramref name="name"/>, for example <c>"X-Tenant"</c>. A
    /// header is chosen by the client: combine it with <see cref="FromClaim"/> so a signed-in user cannot name another
    /// tenant.</summary>
    /// <param name="name">The header's name.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public TenantResolutionOptions FromHeader(string name) => Add(TenantSourceKind.Header, name);

    private TenantResolutionOptions Add(TenantSourceKind kind, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Sources.Add(new TenantSource(kind, name));
        return this;
    }
}
