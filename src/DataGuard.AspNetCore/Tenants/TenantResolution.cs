using DataGuard.Tenants;
using Microsoft.AspNetCore.Http;

namespace DataGuard.AspNetCore.Tenants;

/// <summary>Reads every configured source and decides: one agreed, valid tenant id, none, an invalid value, or a
/// conflict. Values are compared ordinally: tenant ids have one spelling.</summary>
internal readonly record struct TenantResolution(TenantResolutionOutcome Outcome, string? Tenant, TenantSource? Source)
{
    public static TenantResolution Resolve(HttpContext context, IReadOnlyList<TenantSource> sources)
    {
        string? tenant = null;
        TenantSource? from = null;
        var found = new List<string>(2);
        foreach (var source in sources)
        {
            found.Clear();
            if (!source.Read(context, found))
            {
                var outcome = source.Kind == TenantSourceKind.Claim ? TenantResolutionOutcome.Conflict : TenantResolutionOutcome.Invalid;
                return new(outcome, null, source);
            }

            foreach (var value in found)
            {
                if (!TenantIds.IsValid(value))
                {
                    return new(TenantResolutionOutcome.Invalid, null, source);
                }

                if (tenant is not null && !string.Equals(tenant, value, StringComparison.Ordinal))
                {
                    return new(TenantResolutionOutcome.Conflict, null, source);
                }

                (tenant, from) = (value, from ?? source);
            }
        }

        return tenant is null ? new(TenantResolutionOutcome.None, null, null) : new(TenantResolutionOutcome.Resolved, tenant, from);
    }
}
