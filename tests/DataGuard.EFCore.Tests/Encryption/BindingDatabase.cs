using DataGuard.EFCore.Tests.TestModel.Binding;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Encryption;

/// <summary>One database per test, SQLite file or PostgreSQL, for the row-binding tests: hosts with and without row
/// binding share it and one Data Protection key ring.</summary>
internal abstract class BindingDatabase : IAsyncDisposable
{
    private bool _created;

    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();

    public Task<BindingHost<BoundContext>> BoundAsync(Action<DataGuardOptions>? configure = null) => StartAsync<BoundContext>(configure);

    public Task<BindingHost<UnboundContext>> UnboundAsync(Action<DataGuardOptions>? configure = null) => StartAsync<UnboundContext>(configure);

    private async Task<BindingHost<TContext>> StartAsync<TContext>(Action<DataGuardOptions>? configure)
        where TContext : DbContext
    {
        var host = await BindingHost<TContext>.StartAsync(Configure, DataProtection, create: !_created, configure);
        _created = true;
        return host;
    }

    protected abstract void Configure(DbContextOptionsBuilder options);

    public abstract ValueTask DisposeAsync();
}

internal sealed class SqliteBindingDatabase : BindingDatabase
{
    private readonly TempDirectory _folder = new();

    protected override void Configure(DbContextOptionsBuilder options) => options.UseSqlite($"Data Source={_folder.File("binding.db")}");

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgresBindingDatabase : BindingDatabase
{
    private readonly string _connection = PostgresTestDatabase.ForNewDatabase("binding");

    protected override void Configure(DbContextOptionsBuilder options) => options.UseNpgsql(_connection);

    public override async ValueTask DisposeAsync()
    {
        await using var host = await BoundAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
                return;
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == "42501" && attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }
}
