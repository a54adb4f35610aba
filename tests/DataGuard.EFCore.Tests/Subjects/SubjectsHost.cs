using DataGuard.EFCore.Tests.Retention;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>An application with subject rights, wired as a user would, on a fake clock; audit and SQL are recorded.</summary>
internal sealed class SubjectsHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private SubjectsHost(ServiceProvider services, RecordingAuditTrail audit, CommandLog commands)
    {
        Services = services;
        Audit = audit;
        Commands = commands;
    }

    public ServiceProvider Services { get; }

    public RecordingAuditTrail Audit { get; }

    public CommandLog Commands { get; }

    public ISubjectRightsService Subjects => Services.GetRequiredService<ISubjectRightsService>();

    public ILegalHoldService Holds => Services.GetRequiredService<ILegalHoldService>();

    public static async Task<SubjectsHost> StartAsync(Action<DbContextOptionsBuilder> database, Action<DataGuardOptions>? configure = null, IDataProtectionProvider? dataProtection = null, bool create = true, bool shredReviews = false, Action<IServiceCollection>? register = null)
    {
        var audit = new RecordingAuditTrail();
        var commands = new CommandLog();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddSingleton<DataGuard.Audit.IAuditTrail>(audit);
        services.AddDataGuard(configure).UseEntityFrameworkStores<SubjectsContext>();
        services.AddSingleton(dataProtection ?? new EphemeralDataProtectionProvider());
        register?.Invoke(services);
        void Configure(IServiceProvider sp, DbContextOptionsBuilder o)
        {
            database(o);
            o.UseDataGuard(sp).AddInterceptors(commands);
        }

        if (shredReviews)
        {
            services.AddDbContext<SubjectsContext, ShreddingSubjectsContext>(Configure);
        }
        else
        {
            services.AddDbContext<SubjectsContext>(Configure);
        }
        var host = new SubjectsHost(services.BuildServiceProvider(), audit, commands);
        if (create)
        {
            await host.WithContextAsync(db => db.Database.EnsureCreatedAsync());
        }

        return host;
    }

    public static Task<SubjectsHost> SqliteAsync(TempDirectory folder, Action<DataGuardOptions>? configure = null)
        => StartAsync(o => o.UseSqlite($"Data Source={folder.File("subjects.db")}"), configure);

    public async Task<T> WithContextAsync<T>(Func<SubjectsContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SubjectsContext>());
    }

    public Task WithContextAsync(Func<SubjectsContext, Task> work) => WithContextAsync(async db => { await work(db); return 0; });

    public Task AddAsync(params object[] entities) => WithContextAsync(async db =>
    {
        db.AddRange(entities);
        await db.SaveChangesAsync();
    });

    public async Task<SubjectExportPackage> ExportAsync(SubjectId subject)
    {
        using var buffer = new MemoryStream();
        await Subjects.ExportAsync(subject, buffer);
        buffer.Position = 0;
        return await SubjectExportPackage.ReadAsync(buffer);
    }

    public async Task<byte[]> ExportBytesAsync(SubjectId subject)
    {
        using var buffer = new MemoryStream();
        await Subjects.ExportAsync(subject, buffer);
        return buffer.ToArray();
    }

    /// <summary>Every row of every table, as text, for comparing database states.</summary>
    public Task<string> SnapshotAsync() => WithContextAsync(async db =>
    {
        var shoppers = await db.Shoppers.AsNoTracking().OrderBy(s => s.Id).Select(s => $"{s.Id}|{s.Email}|{s.Nickname}").ToListAsync();
        var purchases = await db.Purchases.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}|{p.ShopperId}|{p.ShippingAddress}|{p.GiftMessage}").ToListAsync();
        var lines = await db.PurchaseLines.AsNoTracking().OrderBy(l => l.Id).Select(l => $"{l.Id}|{l.PurchaseId}|{l.Engraving}").ToListAsync();
        var reviews = await db.Reviews.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}|{r.AuthorId}|{r.Text}").ToListAsync();
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Id).Select(c => $"{c.Id}|{c.Name}").ToListAsync();
        return string.Join("\n", [.. shoppers, .. purchases, .. lines, .. reviews, .. categories]);
    });

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
