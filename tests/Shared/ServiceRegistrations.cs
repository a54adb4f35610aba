using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Testing;

/// <summary>
/// Describes a service collection so that two collections compare equal when they register the same services, whatever
/// the order of the calls that made them: every registration (sorted), and for each service resolved alone the one that
/// wins. Options setups and hosted services are resolved all together, so their order is not compared.
/// </summary>
internal static class ServiceRegistrations
{
    public static IReadOnlyList<string> Describe(IServiceCollection services)
    {
        var all = services.Select(Describe).Order(StringComparer.Ordinal);
        var winners = services.Where(static d => !ResolvedTogether(d.ServiceType))
            .GroupBy(static d => (d.ServiceType, d.ServiceKey))
            .Select(static g => "wins: " + Describe(g.Last()))
            .Order(StringComparer.Ordinal);
        return [.. all, .. winners];
    }

    private static bool ResolvedTogether(Type service)
        => service == typeof(Microsoft.Extensions.Hosting.IHostedService)
           || service.Namespace == "Microsoft.Extensions.Options";

    private static string Describe(ServiceDescriptor d)
        => $"{d.ServiceType} [{d.ServiceKey}] {d.Lifetime}: {Implementation(d)}";

    private static string Implementation(ServiceDescriptor d)
    {
        var type = d.IsKeyedService ? d.KeyedImplementationType : d.ImplementationType;
        var instance = d.IsKeyedService ? d.KeyedImplementationInstance : d.ImplementationInstance;
        var factory = d.IsKeyedService ? (Delegate?)d.KeyedImplementationFactory : d.ImplementationFactory;
        return type?.FullName
               ?? (instance is not null ? "instance of " + instance.GetType().FullName : null)
               ?? $"factory {factory!.Method.DeclaringType?.FullName}.{factory.Method.Name}";
    }
}
