using DataGuard.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DataGuard.EFCore.Audit;

/// <summary>Registers read-access audit: the interceptor, its bounded queue and the hosted background writer. Whether
/// an entity type's reads are audited is decided from <c>AuditOptions</c> once per type.</summary>
internal static class AuditReadRegistration
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton<AuditReadQueue>();
        services.TryAddSingleton<AuditReadInterceptor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditReadInterceptor, AuditReadInterceptor>(
            static sp => sp.GetRequiredService<AuditReadInterceptor>()));
        services.TryAddSingleton<AuditReadWriter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuditReadWriter>(static sp => sp.GetRequiredService<AuditReadWriter>()));
    }
}
