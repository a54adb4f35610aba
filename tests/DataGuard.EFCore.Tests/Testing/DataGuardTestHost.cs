using System.Globalization;
using DataGuard.Audit;
using DataGuard.DependencyInjection;
using DataGuard.Retention;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Testing;

/// <summary>
/// An application wired as a user would: DataGuard with the EF Core stores of <typeparamref name="TContext"/>, on a
/// fake clock, with its audit trail and SQL recorded. Several hosts can share one database and one Data Protection key
/// ring (another instance, or a restart). The retention, subject-key and subject-rights tests each derive their host.
/// </summary>
internal abstract class DataGuardTestHost<TContext> : IAsyncDisposable
    where TContext : DbContext
{
    /// <summary>A whole-microsecond instant, so PostgreSQL stores it exactly.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    protected DataGuardTestHost(Parts parts)
    {
        Services = parts.Services;
        Clock = parts.Clock;
        Audit = parts.Audit;
        Commands = parts.Commands;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public RecordingAuditTrail Audit { get; }

    public CommandLog Commands { get; }

    public DataGuard.Retention.ILegalHoldService Holds => Services.GetRequiredService<DataGuard.Retention.ILegalHoldService>();

    public async Task<T> WithContextAsync<T>(Func<TContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    public Task WithContextAsync(Func<TContext, Task> work) => WithContextAsync(async db => { await work(db); return 0; });

    public Task AddAsync(params object[] entities) => WithContextAsync(async db =>
    {
        db.AddRange(entities);
        await db.SaveChangesAsync();
    });

    /// <summary>Counts rows with plain SQL, which no query filter or tenant scope touches: the oracle for what the
    /// database holds.</summary>
    public Task<long> CountAsync(string table, string where = "1 = 1") => WithContextAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE {where}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    });

    /// <summary>Reads one text column of every row with plain SQL, in the order of <paramref name="orderBy"/> (a column;
    /// the database's order when null).</summary>
    public Task<List<string?>> ColumnAsync(string table, string column, string where = "1 = 1", string? orderBy = "Id") => WithContextAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT \"{column}\" FROM \"{table}\" WHERE {where}" + (orderBy is null ? "" : $" ORDER BY \"{orderBy}\"");
        var values = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return values;
    });

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    /// <summary>Builds the application's services from <paramref name="setup"/>, creates the host, and (unless told
    /// not to) the database.</summary>
    protected static async Task<THost> StartAsync<THost>(Setup setup, Func<Parts, THost> create)
        where THost : DataGuardTestHost<TContext>
    {
        var clock = setup.Clock ?? new FakeTimeProvider(Start);
        var audit = new RecordingAuditTrail();
        var commands = new CommandLog();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<DataGuard.Audit.IAuditTrail>(audit);
        var dataGuard = services.AddDataGuard(setup.Configure).UseEntityFrameworkStores<TContext>();
        setup.DataGuard?.Invoke(dataGuard);
        services.AddSingleton(setup.DataProtection ?? new EphemeralDataProtectionProvider());
        setup.Register?.Invoke(services);
        void Configure(IServiceProvider sp, DbContextOptionsBuilder o)
        {
            setup.Database(o);
            o.UseDataGuard(sp).AddInterceptors(commands);
        }

        if (setup.AddContext is { } addContext)
        {
            addContext(services, Configure);
        }
        else
        {
            services.AddDbContext<TContext>(Configure);
        }

        var host = create(new Parts(services.BuildServiceProvider(), clock, audit, commands));
        if (setup.Create)
        {
            await host.WithContextAsync(db => db.Database.EnsureCreatedAsync());
        }

        return host;
    }

    /// <summary>What the host's application is made of.</summary>
    protected sealed record Parts(ServiceProvider Services, FakeTimeProvider Clock, RecordingAuditTrail Audit, CommandLog Commands);

    /// <summary>How a test wants the application wired.</summary>
    protected sealed record Setup(Action<DbContextOptionsBuilder> Database)
    {
        public Action<DataGuardOptions>? Configure { get; init; }

        /// <summary>More of DataGuard (a job, masking), after <c>UseEntityFrameworkStores</c>.</summary>
        public Action<IDataGuardBuilder>? DataGuard { get; init; }

        public FakeTimeProvider? Clock { get; init; }

        public IDataProtectionProvider? DataProtection { get; init; }

        public bool Create { get; init; } = true;

        /// <summary>More application services.</summary>
        public Action<IServiceCollection>? Register { get; init; }

        /// <summary>Registers the context another way (a derived implementation); the default is <c>AddDbContext&lt;TContext&gt;</c>.</summary>
        public Action<IServiceCollection, Action<IServiceProvider, DbContextOptionsBuilder>>? AddContext { get; init; }

        /// <summary>Subject keys on unless <paramref name="configure"/> turns them off; hosts sharing
        /// <paramref name="dataProtection"/> share the key ring's wrapping.</summary>
        public static Setup WithSubjectKeys(
            Action<DbContextOptionsBuilder> database, IDataProtectionProvider? dataProtection, bool create, Action<DataGuardOptions>? configure)
            => new(database)
            {
                DataProtection = dataProtection,
                Create = create,
                Configure = o =>
                {
                    o.Encryption.SubjectKeys = true;
                    configure?.Invoke(o);
                },
            };
    }
}
