using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Builds contexts over a SQLite file of the test's own, with DataGuard on or off.</summary>
internal static class TestContexts
{
    public static IServiceProvider DataGuardServices() => new ServiceCollection().AddDataGuard().Services.BuildServiceProvider();

    public static TContext Sqlite<TContext>(TempDirectory folder, bool useDataGuard = true)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>().UseSqlite($"Data Source={folder.File("test.db")};Pooling=False");
        if (useDataGuard)
        {
            options.UseDataGuard(DataGuardServices());
        }

        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}
