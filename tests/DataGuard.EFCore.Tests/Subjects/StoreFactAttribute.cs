using Xunit.Sdk;

namespace DataGuard.Tests.Subjects.Requests;

/// <summary>The store fact of the linked <see cref="SubjectRequestLifecycleTests"/>: skipped with the reason in classes
/// that need PostgreSQL when no server is configured (the consent tests' discoverer decides).</summary>
[XunitTestCaseDiscoverer("DataGuard.EFCore.Tests.Consent.StoreFactDiscoverer", "DataGuard.EFCore.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
}
