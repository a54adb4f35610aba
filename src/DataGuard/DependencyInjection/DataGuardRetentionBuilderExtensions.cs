using DataGuard;
using DataGuard.DependencyInjection;
using DataGuard.Retention;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Schedules DataGuard's retention.</summary>
public static class DataGuardRetentionBuilderExtensions
{
    /// <summary>
    /// Adds a hosted service that runs <see cref="IRetentionService"/> when the host starts and then every
    /// <see cref="RetentionOptions.Interval"/>. Every instance of the application can run it: a lease per policy in the
    /// database lets one instance at a time work a policy. In an application with tenants each run covers every tenant,
    /// each inside its own scope: the tenants found in the tables with a retention policy and a tenant column, those of
    /// <c>Residency.Tenants</c> and those an <see cref="DataGuard.Tenants.ITenantDirectory"/> lists (register one when each
    /// tenant has a database of its own); one tenant's failure is logged and the others still run.
    /// </summary>
    /// <param name="builder">The DataGuard builder.</param>
    /// <param name="configure">Configures retention (interval, batch size, lease duration); validated at start-up.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <remarks>The host fails to start with an <see cref="InvalidOperationException"/> when no
    /// <see cref="IRetentionService"/> is registered (call <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>).</remarks>
    public static IDataGuardBuilder AddRetentionJob(this IDataGuardBuilder builder, Action<RetentionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configure is not null)
        {
            builder.Services.Configure<DataGuardOptions>(o => configure(o.Retention));
        }

        builder.Services.TryAddSingleton<DataGuard.Diagnostics.HealthChecks.RetentionRunState>();
        // A factory: without a retention service the host gets DataGuard's message, not the container's.
        builder.Services.AddHostedService(static sp =>
        {
            var retention = sp.GetService<IRetentionService>() ?? throw DataGuardErrors.MissingRegistration("AddRetentionJob() needs an " +
                "IRetentionService: call AddDataGuard().UseEntityFrameworkStores<TContext>().");
            var logger = sp.GetRequiredService<ILogger<RetentionBackgroundService>>();
            return new RetentionBackgroundService(
                retention,
                sp.GetRequiredService<IOptionsMonitor<DataGuardOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                logger,
                TenantRuns(sp, retention, logger),
                sp.GetRequiredService<DataGuard.Diagnostics.HealthChecks.RetentionRunState>());
        });
        return builder;
    }

    /// <summary>The per-tenant runs, when the store can say which tenants there are (an application's own retention
    /// service without a tenant source keeps the one platform-level run).</summary>
    private static RetentionTenantRuns? TenantRuns(IServiceProvider services, IRetentionService retention, ILogger<RetentionBackgroundService> logger)
        => services.GetService<IRetentionTenantSource>() is { } source
            ? new RetentionTenantRuns(retention, services.GetRequiredService<DataGuard.Tenants.ITenantContext>(), source, logger)
            : null;
}
