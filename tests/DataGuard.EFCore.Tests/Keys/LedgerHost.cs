using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>An application on <see cref="LedgerContext"/>, on a fake clock, with its audit trail recorded.</summary>
internal sealed class LedgerHost : DataGuardTestHost<LedgerContext>
{
    private LedgerHost(Parts parts)
        : base(parts)
    {
    }

    public IKeyManager Keys => Services.GetRequiredService<IKeyManager>();

    public IFieldReencryptor Reencryptor => Services.GetRequiredService<IFieldReencryptor>();

    public static Task<LedgerHost> StartAsync(Action<DbContextOptionsBuilder> database, IDataProtectionProvider dataProtection, bool create = true,
        Action<DataGuardOptions>? configure = null)
        => StartAsync(new Setup(database) { DataProtection = dataProtection, Create = create, Configure = configure }, static parts => new LedgerHost(parts));

    /// <summary>How many stored values of a text column name the ring key <paramref name="keyId"/>.</summary>
    public Task<int> CountOnKeyAsync(string table, string column, int keyId) => WithContextAsync(db =>
    {
        var header = FieldFormat.TextHeader(FieldFlags.RingKey, keyId);
        var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\" WHERE substr(\"" + column + "\", 1, 11) = {0}";
        return db.Database.SqlQueryRaw<int>(sql, header).SingleAsync();
    });

    public async Task<int> ActiveKeyIdAsync() => (await Keys.ListAsync()).Single(k => k is { Kind: DataKeyKind.Data, Status: DataKeyStatus.Active }).Id;
}

/// <summary>One database per test, SQLite file or PostgreSQL, shared by every host a test starts on it.</summary>
internal abstract class LedgerDatabase : IAsyncDisposable
{
    private bool _created;

    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();

    public async Task<LedgerHost> HostAsync(Action<DataGuardOptions>? configure = null)
    {
        var host = await LedgerHost.StartAsync(Configure, DataProtection, create: !_created, configure);
        _created = true;
        return host;
    }

    public abstract void Configure(DbContextOptionsBuilder options);

    public abstract ValueTask DisposeAsync();
}

internal sealed class SqliteLedgerDatabase : LedgerDatabase
{
    private readonly DataGuard.Testing.TempDirectory _folder = new();

    public override void Configure(DbContextOptionsBuilder options) => options.UseSqlite($"Data Source={_folder.File("ledger.db")}");

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgresLedgerDatabase : LedgerDatabase
{
    private readonly string _connection = DataGuard.Testing.PostgresTestDatabase.ForNewDatabase("ledger");

    public override void Configure(DbContextOptionsBuilder options) => options.UseNpgsql(_connection);

    public override async ValueTask DisposeAsync()
    {
        await using var host = await LedgerHost.StartAsync(Configure, DataProtection, create: false);
        Npgsql.NpgsqlConnection.ClearAllPools();
        await DataGuard.Testing.PostgresTestDatabase.DeleteAsync(() => host.WithContextAsync(db => db.Database.EnsureDeletedAsync()));
    }
}
