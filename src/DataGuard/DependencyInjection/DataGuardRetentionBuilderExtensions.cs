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
    /// database lets one instance at a time work a policy.
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
        builder.Services.AddHostedService(static sp => new RetentionBackgroundService(
            sp.GetService<IRetentionService>() ?? throw DataGuardErrors.MissingRegistration("AddRetentionJob() needs an IRetentionService: call " +
                "AddDataGuard().UseEntityFrameworkStores<TContext>()."),
            sp.GetRequiredService<IOptionsMonitor<DataGuardOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RetentionBackgroundService>>(),
            sp.GetRequiredService<DataGuard.Diagnostics.HealthChecks.RetentionRunState>()));
        return builder;
    }
}
