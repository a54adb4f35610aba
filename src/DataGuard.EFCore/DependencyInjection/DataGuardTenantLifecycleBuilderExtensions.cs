using DataGuard;
using DataGuard.DependencyInjection;
using DataGuard.EFCore.DependencyInjection;
using DataGuard.EFCore.Stores;
using DataGuard.EFCore.Tenants;
using DataGuard.Tenants.Lifecycle;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on tenant offboarding (<see cref="ITenantLifecycle"/>) over the store context.</summary>
public static class DataGuardTenantLifecycleBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="ITenantLifecycle"/>: contract ends in the store context's <c>DataGuardTenantContracts</c> table,
    /// and offboarding after the retention period (shred the tenant's key-encryption key, delete its rows and DataGuard
    /// records, sign the report). Options are validated when the host starts. See docs/tenants.md, "Offboarding".
    /// </summary>
    /// <param name="builder">The DataGuard builder, with <c>UseEntityFrameworkStores&lt;TContext&gt;()</c> called before or after.</param>
    /// <param name="configure">Configures the tenant retention policy.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <remarks>Without <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>, the host fails to start with an
    /// <see cref="OptionsValidationException"/>.</remarks>
    public static IDataGuardBuilder AddTenantOffboarding(this IDataGuardBuilder builder, Action<TenantOffboardingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        StoreContextStartupCheck.Require(services, nameof(AddTenantOffboarding), "AddTenantOffboarding() keeps contract ends in the store context: " +
            "call UseEntityFrameworkStores<TContext>() on the DataGuard builder.");
        var options = services.AddOptions<TenantOffboardingOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantOffboardingOptions>, TenantOffboardingOptionsValidator>());
        services.TryAddSingleton<TenantOffboardingPlanner>();
        services.TryAddSingleton<TenantOffboardingEnvironment>();

        // A factory: the store context's type is known once UseEntityFrameworkStores<TContext>() was called, in any order.
        services.TryAddSingleton(static sp => (ITenantLifecycle)ActivatorUtilities.CreateInstance(
            sp, typeof(EntityFrameworkTenantLifecycle<>).MakeGenericType(sp.GetRequiredService<DataGuardStoreRegistration>().ContextType)));
        return builder;
    }

    /// <summary>
    /// Adds a hosted service that calls <see cref="ITenantLifecycle.OffboardDueAsync"/> when the host starts and then every
    /// <see cref="TenantOffboardingJobOptions.Interval"/>: every tenant whose retention period after its contract end has
    /// passed, and that has no blocker (a legal hold, …), is offboarded; with <see cref="TenantOffboardingJobOptions.DryRun"/>
    /// the job only plans and logs. A failed run is logged (event 1958) and the next interval retries. Needs
    /// <see cref="AddTenantOffboarding"/> and the shared database layout (contract ends at platform level). The job takes no
    /// database lease: register it on one instance of the application.
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="configure">Configures the schedule; validated when the host starts.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <remarks>The host fails to start with an <see cref="OptionsValidationException"/> for an interval that is not
    /// positive or longer than 49 days, and with an <see cref="InvalidOperationException"/> when
    /// <see cref="AddTenantOffboarding"/> was not called.</remarks>
    public static IDataGuardBuilder AddTenantOffboardingJob(this IDataGuardBuilder builder, Action<TenantOffboardingJobOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<TenantOffboardingJobOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantOffboardingJobOptions>, TenantOffboardingJobOptionsValidator>());
        // A factory: without offboarding the host gets DataGuard's message, not the container's.
        builder.Services.AddHostedService(static sp => new TenantOffboardingBackgroundService(
            sp.GetService<ITenantLifecycle>() ?? throw DataGuardErrors.MissingRegistration("AddTenantOffboardingJob() runs ITenantLifecycle: call " +
                "AddDataGuard().UseEntityFrameworkStores<TContext>().AddTenantOffboarding(…) as well."),
            sp.GetRequiredService<IOptionsMonitor<TenantOffboardingJobOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TenantOffboardingBackgroundService>>()));
        return builder;
    }
}
