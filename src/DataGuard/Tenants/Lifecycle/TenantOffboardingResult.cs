namespace DataGuard.Tenants.Lifecycle;

/// <summary>A completed offboarding: the report, its JSON as signed, and the detached CMS signature that
/// <see cref="TenantOffboardingReport.Verify"/> checks on any instance with the signing certificate's public part.</summary>
/// <param name="Report">The report.</param>
/// <param name="Json">The report's JSON bytes (<see cref="TenantOffboardingReport.ToJson"/>).</param>
/// <param name="Signature">The detached CMS/PKCS#7 signature of <paramref name="Json"/>.</param>
public sealed record TenantOffboardingResult(TenantOffboardingReport Report, byte[] Json, byte[] Signature);
