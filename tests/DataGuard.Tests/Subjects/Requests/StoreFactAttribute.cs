namespace DataGuard.Tests.Subjects.Requests;

/// <summary>A fact of <see cref="SubjectRequestLifecycleTests"/>. Here a plain fact; DataGuard.EFCore.Tests, which links
/// the lifecycle tests, declares its own that skips PostgreSQL runs without a server.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
}
