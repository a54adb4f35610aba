using Microsoft.AspNetCore.Http;

namespace DataGuard.AspNetCore.Tenants;

/// <summary>One configured source of the request's tenant.</summary>
internal sealed record TenantSource(TenantSourceKind Kind, string Name)
{
    /// <summary>How logs and problems name the source (never its value).</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} '{Name}'";

    /// <summary>Adds the values this source finds in the request to <paramref name="found"/>; <see langword="false"/>
    /// when the source refuses the request (a signed-in user without the tenant claim, a host name too deep).</summary>
    public bool Read(HttpContext context, List<string> found)
    {
        switch (Kind)
        {
            case TenantSourceKind.Claim:
                var before = found.Count;
                found.AddRange(context.User.FindAll(Name).Select(static c => c.Value));
                return found.Count > before || context.User.Identity?.IsAuthenticated != true;
            case TenantSourceKind.Header:
                foreach (var value in context.Request.Headers[Name])
                {
                    found.Add(value ?? "");
                }

                return true;
            case TenantSourceKind.Route:
                if (context.Request.RouteValues.TryGetValue(Name, out var routeValue) && routeValue is not null)
                {
                    found.Add(Convert.ToString(routeValue, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }

                return true;
            default:
                return ReadHost(context.Request.Host.Host.ToLowerInvariant(), found);
        }
    }

    private bool ReadHost(string host, List<string> found)
    {
        if (host.Length <= Name.Length + 1 || !host.EndsWith(Name, StringComparison.Ordinal) || host[^(Name.Length + 1)] != '.')
        {
            return true; // the parent domain itself, or another domain: no tenant here
        }

        var label = host[..^(Name.Length + 1)];
        if (label.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        found.Add(label);
        return true;
    }
}
