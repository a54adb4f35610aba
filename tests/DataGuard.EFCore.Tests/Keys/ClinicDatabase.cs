using System.Text;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>One database per test, SQLite file or PostgreSQL; every host on it shares one Data Protection key ring
/// (another instance, or a restart with an empty key cache).</summary>
internal abstract class ClinicDatabase : IAsyncDisposable
{
    private bool _created;

    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();

    public async Task<ClinicHost> HostAsync(Action<DataGuardOptions>? configure = null)
    {
        var host = await ClinicHost.StartAsync(Configure, DataProtection, create: !_created, configure);
        _created = true;
        return host;
    }

    protected abstract void Configure(DbContextOptionsBuilder options);

    /// <summary>Everything the personal tables hold, as the database stores it.</summary>
    public abstract Task<string> DumpAsync(ClinicHost host);

    public abstract ValueTask DisposeAsync();
}

internal sealed class SqliteClinicDatabase : ClinicDatabase
{
    private readonly TempDirectory _folder = new();

    protected override void Configure(DbContextOptionsBuilder options) => options.UseSqlite($"Data Source={_folder.File("clinic.db")}");

    public override Task<string> DumpAsync(ClinicHost host)
    {
        SqliteConnection.ClearAllPools();
        return Task.FromResult(Encoding.Latin1.GetString(File.ReadAllBytes(_folder.File("clinic.db"))));
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgresClinicDatabase : ClinicDatabase
{
    private readonly string _connection = PostgresTestDatabase.ForNewDatabase("subjectkeys");

    protected override void Configure(DbContextOptionsBuilder options) => options.UseNpgsql(_connection);

    public override Task<string> DumpAsync(ClinicHost host) => host.WithContextAsync(async db =>
    {
        var patients = await db.Database.SqlQueryRaw<string>("SELECT concat_ws('|', \"Email\", \"Name\", \"Phone\", \"Concierge\", " +
            "encode(\"Photo\", 'escape'), " +
            "encode(\"EmailBlindIndex\", 'escape')) AS \"Value\" FROM \"Patients\"")
            .ToListAsync();
        var notes = await db.Database.SqlQueryRaw<string>("SELECT \"Notes\" AS \"Value\" FROM \"Consultations\"").ToListAsync();
        var referrals = await db.Database.SqlQueryRaw<string>(
            "SELECT concat_ws('|', \"Reason\", \"Specialist\") AS \"Value\" FROM \"Referrals\"").ToListAsync();
        return string.Join('\n', patients.Concat(notes).Concat(referrals));
    });

    public override async ValueTask DisposeAsync()
    {
        await using var host = await HostAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await PostgresTestDatabase.DeleteAsync(() => host.WithContextAsync(db => db.Database.EnsureDeletedAsync()));
    }
}
