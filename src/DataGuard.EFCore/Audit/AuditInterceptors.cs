using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using DataGuard.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Audit;

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

        var interceptors = new List<IInterceptor>
        {
            serviceProvider.GetRequiredService<AuditSaveChangesInterceptor>(),
            serviceProvider.GetRequiredService<AuditTransactionInterceptor>(),
            serviceProvider.GetRequiredService<BulkStatementAuditInterceptor>(),
        };

        // The read interceptor is also a singleton interceptor (it binds how audited entity types are created), part
        // of EF Core's internal service provider key: only add it when reads are audited at all.
        var options = serviceProvider.GetRequiredService<IOptions<AuditOptions>>().Value;
        if (options.AuditAllReads || options.AuditReadsOf.Count > 0)
        {
            interceptors.AddRange(serviceProvider.GetServices<IAuditReadInterceptor>());
        }

        optionsBuilder.AddInterceptors(interceptors);
    }
}
