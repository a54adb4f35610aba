using Xunit.Sdk;

namespace DataGuard.EFCore.Tests.Consent;

/// <summary>A fact declared once on a base class and run for every store: skipped with the reason in classes that need
/// PostgreSQL (<see cref="INeedsPostgres"/>) when no server is configured, and failing when one is configured but down.</summary>
[XunitTestCaseDiscoverer("DataGuard.EFCore.Tests.Consent.StoreFactDiscoverer", "DataGuard.EFCore.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
}
