using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>The shop of <see cref="SubjectsContext"/> with auditing, on SQLite or PostgreSQL, for the tests of entities
/// reached through a subject path.</summary>
internal static class SubjectPathAuditHost
{
    public static async Task<ServiceProvider> StartAsync(
        Action<DbContextOptionsBuilder> database, Action<AuditOptions>? auditing = null, IInterceptor? interceptor = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(AuditTestHost.Start));
        services.AddLogging();
        services.AddDataGuard().UseEntityFrameworkStores<SubjectsContext>().AddAuditing(auditing);
        services.AddDbContext<SubjectsContext>(
            (sp, o) =>
            {
                database(o.UseDataGuard(sp));
                if (interceptor is not null)
                {
                    o.AddInterceptors(interceptor);
                }

                o.ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning));
            },
            ServiceLifetime.Transient,
            ServiceLifetime.Singleton);
        var provider = services.BuildServiceProvider();
        await using var db = provider.GetRequiredService<SubjectsContext>();
        await db.Database.EnsureCreatedAsync();
        return provider;
    }

    /// <summary>Runs <paramref name="test"/>, then disposes the services, deleting the database first when asked (a
    /// PostgreSQL database of the test's own).</summary>
    public static async Task RunAsync(ServiceProvider services, bool deleteDatabase, Func<Task> test)
    {
        try
        {
            await test();
        }
        finally
        {
            if (deleteDatabase)
            {
                await using var db = services.GetRequiredService<SubjectsContext>();
                await db.Database.EnsureDeletedAsync();
            }

            await services.DisposeAsync();
        }
    }
}
