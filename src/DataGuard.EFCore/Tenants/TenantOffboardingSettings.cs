using DataGuard.Tenants.Lifecycle;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tenants;

/// <summary>What offboarding reads besides its collaborators: its own options, DataGuard's (the signing certificate it
/// falls back to) and the clock.</summary>
/// <param name="Offboarding">The offboarding options.</param>
/// <param name="DataGuard">DataGuard's options.</param>
/// <param name="Time">The clock: contract ends, due dates and report times.</param>
internal sealed record TenantOffboardingSettings(
    IOptionsMonitor<TenantOffboardingOptions> Offboarding,
    IOptionsMonitor<DataGuardOptions> DataGuard,
    TimeProvider Time);
