using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.DependencyInjection;

/// <summary>Returned by <c>services.AddDataGuard()</c> so that further configuration chains on it, for example
/// <c>.UseEntityFrameworkStores&lt;AppDb&gt;()</c> from DataGuard.EFCore.</summary>
public interface IDataGuardBuilder
{
    /// <summary>The service collection DataGuard is registered in.</summary>
    IServiceCollection Services { get; }
}
