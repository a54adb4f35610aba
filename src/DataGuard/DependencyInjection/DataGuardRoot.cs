namespace DataGuard.DependencyInjection;

/// <summary>
/// A singleton that gives integrations the application's root service provider, whatever scope they are handed
/// (EF Core's <c>AddDbContext((sp, o) =&gt; …)</c> passes a scoped one). It identifies the application: models and key
/// rings are per root.
/// </summary>
internal sealed class DataGuardRoot(IServiceProvider services)
{
    public IServiceProvider Services { get; } = services;
}
