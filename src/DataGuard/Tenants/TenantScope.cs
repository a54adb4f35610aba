namespace DataGuard.Tenants;

/// <summary>One open tenant scope in an <see cref="AsyncLocal{T}"/> chain; disposing it restores the scope that was
/// current when it opened.</summary>
internal sealed class TenantScope : IDisposable
{
    private static readonly AsyncLocal<TenantScope?> Innermost = new();

    private TenantScope(string tenant, TenantScope? parent)
    {
        Tenant = tenant;
        Parent = parent;
    }

    /// <summary>The innermost open scope of the current flow, or <see langword="null"/>.</summary>
    public static TenantScope? Current => Innermost.Value;

    public string Tenant { get; }

    public TenantScope? Parent { get; }

    public static TenantScope Push(string tenant)
    {
        var scope = new TenantScope(tenant, Innermost.Value);
        Innermost.Value = scope;
        return scope;
    }

    public void Dispose()
    {
        // Only a scope still on this flow's chain ends; it ends the scopes opened inside it too.
        for (var scope = Innermost.Value; scope is not null; scope = scope.Parent)
        {
            if (ReferenceEquals(scope, this))
            {
                Innermost.Value = Parent;
                return;
            }
        }
    }
}
