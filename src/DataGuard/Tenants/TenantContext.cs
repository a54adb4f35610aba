using Microsoft.Extensions.Logging;

namespace DataGuard.Tenants;

/// <summary>The <see cref="ITenantContext"/>: <see cref="TenantScope"/>s held in an <see cref="AsyncLocal{T}"/>.</summary>
internal sealed class TenantContext(ILogger<TenantContext> logger) : ITenantContext
{
    public string? Current => TenantScope.Current?.Tenant;

    public IDisposable Begin(string tenantId)
    {
        TenantIds.Validate(tenantId, nameof(tenantId));
        if (TenantScope.Current is { } open && !string.Equals(open.Tenant, tenantId, StringComparison.Ordinal))
        {
            TenantLog.SwitchRefused(logger, open.Tenant, tenantId);
            throw new TenantMismatchException(open.Tenant, tenantId);
        }

        TenantLog.ScopeStarted(logger, tenantId);
        return TenantScope.Push(tenantId);
    }

    public string RequireTenant() => TenantScope.Current?.Tenant ?? throw new TenantRequiredException();
}
