using DataGuard.Audit;
using DataGuard.Tenants.Lifecycle;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tenants;

/// <summary>What offboarding reads and records to besides its collaborators: its own options, DataGuard's (the signing
/// certificate it falls back to), the clock and the audit trail.</summary>
/// <param name="Offboarding">The offboarding options.</param>
/// <param name="DataGuard">DataGuard's options.</param>
/// <param name="Time">The clock: contract ends, due dates and report times.</param>
/// <param name="Audit">Where the <c>tenant.offboarded</c> entry goes.</param>
internal sealed record TenantOffboardingEnvironment(
    IOptionsMonitor<TenantOffboardingOptions> Offboarding,
    IOptionsMonitor<DataGuardOptions> DataGuard,
    TimeProvider Time,
    IAuditTrail Audit);
