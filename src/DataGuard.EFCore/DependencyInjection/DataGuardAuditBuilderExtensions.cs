using DataGuard.Audit;
using DataGuard.DependencyInjection;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on DataGuard's tamper-evident audit trail in the store context's database.</summary>
public static class DataGuardAuditBuilderExtensions
{
    /// <summary>
    /// Records every insert, update and delete of personal data (and, if configured, every read) on a hash-chained
    /// audit trail in the database of the context named by <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>, in the
    /// same transaction as the change. Replaces the discarding <see cref="IAuditTrail"/> so that DataGuard's own
    /// operations are recorded too, and registers <see cref="IAuditStore"/> (queries, checkpoints, pruning) and
    /// <see cref="IAuditVerifier"/>. Options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The DataGuard builder, with <c>UseEntityFrameworkStores&lt;TContext&gt;()</c> called before
    /// or after.</param>
    /// <param name="configure">Configures the audit options (checkpoint certificate, read-access audit).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <remarks>Without <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>, the host fails to start with an
    /// <see cref="OptionsValidationException"/>.</remarks>
    public static IDataGuardBuilder AddAuditing(this IDataGuardBuilder builder, Action<AuditOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        StoreContextStartupCheck.Require(services, nameof(AddAuditing), "AddAuditing() keeps the audit trail in the store context: call " +
            "UseEntityFrameworkStores<TContext>() on the DataGuard builder.");
        var options = services.AddOptions<AuditOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditMaskingValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditContext, AuditContext>();
        services.TryAddSingleton<AuditRegistration>();
        services.TryAddSingleton<AuditSaveChangesInterceptor>();
        services.TryAddSingleton<BulkStatementAuditInterceptor>();
        services.TryAddSingleton<AuditTransactionInterceptor>();
        services.TryAddSingleton<EntityFrameworkAuditTrail>();
        services.TryAddSingleton<IAuditStore, EntityFrameworkAuditStore>();
        services.TryAddSingleton<IAuditVerifier, EntityFrameworkAuditVerifier>();

        // AddDataGuard() registered the discarding trail; an application's own trail stays.
        services.RemoveAll<IAuditTrail>(static d => d.ImplementationType == typeof(NullAuditTrail));
        // A forwarding factory: one instance serves both the concrete type (interceptors) and IAuditTrail.
        services.TryAddSingleton<IAuditTrail>(static sp => sp.GetRequiredService<EntityFrameworkAuditTrail>());
        AuditReadRegistration.Add(services);
        return builder;
    }

    private static void RemoveAll<TService>(this IServiceCollection services, Func<ServiceDescriptor, bool> predicate)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && predicate(services[i]))
            {
                services.RemoveAt(i);
            }
        }
    }
}
