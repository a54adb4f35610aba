using DataGuard.Keys;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Builds contexts over a SQLite file of the test's own, with DataGuard on or off.</summary>
internal static class TestContexts
{
    public static IServiceProvider DataGuardServices()
    {
        var services = new ServiceCollection();
        services.AddDataGuard();
        services.AddSingleton<IKeyStore, InMemoryKeyStore>();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        return services.BuildServiceProvider();
    }

    public static TContext Sqlite<TContext>(TempDirectory folder, bool useDataGuard = true)
        where TContext : DbContext
    {
        // Every call builds new DataGuard services, so EF Core builds an internal provider each time: past twenty in one
        // process it warns, and a context without UseDataGuard would throw for it.
        var options = new DbContextOptionsBuilder<TContext>()
            .UseSqlite($"Data Source={folder.File("test.db")};Pooling=False")
            .ConfigureWarnings(static w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning));
        if (useDataGuard)
        {
            options.UseDataGuard(DataGuardServices());
        }

        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}
