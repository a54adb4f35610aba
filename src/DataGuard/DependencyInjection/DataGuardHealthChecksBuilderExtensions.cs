using DataGuard;
using DataGuard.Audit;
using DataGuard.Diagnostics;
using DataGuard.Diagnostics.HealthChecks;
using DataGuard.Keys;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds DataGuard's health checks to ASP.NET Core / Microsoft.Extensions health checks.</summary>
public static class DataGuardHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds four checks (docs/operations.md says what each reports when): <c>dataguard-keys</c> (every key that decrypts
    /// still unwraps), <c>dataguard-audit</c> (the audit chain verifies, re-verified once the last verification is older
    /// than <see cref="DataGuard.Diagnostics.OperationsOptions.AuditVerificationMaxAge"/>), <c>dataguard-requests</c> (no
    /// data-subject request is overdue) and <c>dataguard-retention</c> (the retention job ran recently). A check's
    /// failure reports <paramref name="failureStatus"/>; Degraded marks what needs attention before it becomes a
    /// failure.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="failureStatus">What a failing check reports; Unhealthy unless set.</param>
    /// <param name="tags">Tags for every DataGuard check, for example to map them to a readiness endpoint.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IHealthChecksBuilder AddDataGuardChecks(
        this IHealthChecksBuilder builder,
        HealthStatus failureStatus = HealthStatus.Unhealthy,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<AuditVerificationCache>();
        // Factories: a health check registration takes one, and each check accepts a missing optional service (no key
        // store, no audit verifier, no retention job) to report it, where the container would fail.
        builder.Add(new HealthCheckRegistration(
            "dataguard-keys", static sp => new KeyRingHealthCheck(sp.GetService<IKeyStore>(), sp.GetRequiredService<IKeyWrapper>()), failureStatus, tags));
        builder.Add(new HealthCheckRegistration(
            "dataguard-audit",
            static sp => new AuditChainHealthCheck(
                sp.GetService<IAuditVerifier>(),
                sp.GetRequiredService<AuditVerificationCache>(),
                sp.GetRequiredService<IOptionsMonitor<DataGuardOptions>>(),
                sp.GetRequiredService<TimeProvider>()),
            failureStatus,
            tags));
        builder.Add(new HealthCheckRegistration(
            "dataguard-requests",
            static sp => new SubjectRequestsHealthCheck(
                sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetRequiredService<IOptionsMonitor<DataGuardOptions>>(),
                sp.GetRequiredService<TimeProvider>()),
            failureStatus,
            tags));
        builder.Add(new HealthCheckRegistration(
            "dataguard-retention",
            static sp => new RetentionHealthCheck(
                sp.GetService<RetentionRunState>(), sp.GetRequiredService<IOptionsMonitor<DataGuardOptions>>(), sp.GetRequiredService<TimeProvider>()),
            failureStatus,
            tags));
        return builder;
    }
}
