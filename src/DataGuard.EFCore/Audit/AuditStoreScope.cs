using DataGuard.EFCore.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Audit;

/// <summary>A DI scope with a fresh instance of the store context named by <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>,
/// for audit work that is not part of an application's SaveChanges.</summary>
internal sealed class AuditStoreScope : IAsyncDisposable, IDisposable
{
    private readonly AsyncServiceScope _scope;

    private AuditStoreScope(AsyncServiceScope scope, DbContext context)
    {
        _scope = scope;
        Context = context;
    }

    public DbContext Context { get; }

    public static AuditStoreScope Create(IServiceScopeFactory scopes, DataGuardStoreRegistration store)
    {
        var scope = scopes.CreateAsyncScope();
        return new AuditStoreScope(scope, (DbContext)scope.ServiceProvider.GetRequiredService(store.ContextType));
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();

    public void Dispose() => _scope.Dispose();
}
