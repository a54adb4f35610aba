using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.DependencyInjection;

internal sealed class DataGuardBuilder(IServiceCollection services) : IDataGuardBuilder
{
    public IServiceCollection Services { get; } = services;
}
