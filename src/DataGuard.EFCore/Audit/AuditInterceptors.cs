using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>Adds the audit interceptors to a context's options when auditing is configured. Only the store context gets
/// them: audit entries are written on the changed context's own connection and transaction, so they must live in its
/// database.</summary>
internal static class AuditInterceptors
{
    public static void AddTo(DbContextOptionsBuilder optionsBuilder, IServiceProvider serviceProvider, bool isStoreContext)
    {
        if (!isStoreContext || serviceProvider.GetService<AuditRegistration>() is null)
        {
            return;
        }

        var interceptors = new List<IInterceptor> { serviceProvider.GetRequiredService<AuditSaveChangesInterceptor>() };
        interceptors.AddRange(serviceProvider.GetServices<IAuditReadInterceptor>());
        optionsBuilder.AddInterceptors(interceptors);
    }
}
