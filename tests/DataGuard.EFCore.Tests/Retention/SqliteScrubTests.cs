using System.Text;
using DataGuard.EFCore.Tests.Subjects;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Keys;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>SQLite in WAL mode: every path that destroys data (erasure, retention, the key store's shred) leaves no copy
/// of it in the database file or its <c>-wal</c> file when it reports success, and says so when a reader kept it from
/// emptying the log. Checked by scanning the files' bytes.</summary>
public sealed class SqliteScrubTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Erase_leaves_no_erased_value_or_ciphertext_in_the_database_or_wal_file()
    {
        await using var host = await SubjectsAsync("erase.db");
        var (ana, _) = await SeedAsync(host);
        var ciphertext = await StoredAsync(host, "SELECT \"Email\" FROM \"Shoppers\" WHERE \"Id\" = $id", ana.Shopper.Id.ToString().ToUpperInvariant());
        Assert.True(FileContains("erase.db", ciphertext), "the stored ciphertext must be in the files before erasure");
        Assert.True(FileContains("erase.db", Encoding.UTF8.GetBytes("nick-ana")));

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        Assert.True(report.Scrubbed);
        Assert.False(FileContains("erase.db", ciphertext), "the erased ciphertext is still in the database's files");
        Assert.All(SubjectData.ClearValues("ana"),
            v => Assert.False(FileContains("erase.db", Encoding.UTF8.GetBytes(v)), $"an erased value is still in the database's files"));
        Assert.True(FileContains("erase.db", Encoding.UTF8.GetBytes("nick-bea")));
    }

    [Fact]
    public async Task Erase_with_a_reader_holding_the_wal_open_does_not_claim_the_files_are_clean()
    {
        await using var host = await SubjectsAsync("reader.db", o => o.SubjectRights.VacuumSqliteAfterErasure = true);
        var (ana, _) = await SeedAsync(host);
        await using var reader = new SqliteConnection($"Data Source={_folder.File("reader.db")};Pooling=False");
        await reader.OpenAsync();
        using var transaction = reader.BeginTransaction(deferred: true); // a reader, not a writer
        await using (var read = reader.CreateCommand())
        {
            read.CommandText = "SELECT COUNT(*) FROM \"Shoppers\"";
            Assert.Equal(2L, await read.ExecuteScalarAsync()); // the read transaction now holds a snapshot
        }

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        Assert.False(report.Scrubbed);
        Assert.False(report.Vacuumed);
        Assert.Equal(6, report.Deleted); // the erasure itself committed
        Assert.True(FileContains("reader.db", Encoding.UTF8.GetBytes("nick-ana")), "the test means nothing unless the reader kept a copy in the files");
    }

    [Fact]
    public async Task Shredding_a_subject_key_leaves_no_copy_of_its_wrapped_key_in_the_database_or_wal_file()
    {
        await using var host = await SubjectsAsync("keys.db", o => o.Encryption.SubjectKeys = true);
        var (ana, _) = await SeedAsync(host);
        var wrapped = await StoredAsync(host, "SELECT \"WrappedKey\" FROM \"DataGuardKeys\" WHERE \"SubjectId\" = $id", ana.Shopper.Id.ToString("D"));
        Assert.True(FileContains("keys.db", wrapped), "the wrapped key must be in the files before the shred");

        await host.Services.GetRequiredService<IKeyManager>().ShredAsync(ana.Shopper.Id);

        Assert.False(FileContains("keys.db", wrapped), "the destroyed wrapped key is still in the database's files");
    }

    [Fact]
    public async Task Retention_leaves_no_purged_value_in_the_database_or_wal_file()
    {
        var file = _folder.File("retention.db");
        await using var host = await RetentionHost.StartAsync(o => o.UseSqlite($"Data Source={file}"));
        await host.WithContextAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL"));
        var old = RetentionHost.Visit(host.Now.AddDays(-40));
        old.Page = "/page-purged-by-retention";
        var recent = RetentionHost.Visit(host.Now.AddDays(-1));
        recent.Page = "/page-kept-by-retention";
        await host.AddAsync(old, recent);
        Assert.True(FileContains("retention.db", Encoding.UTF8.GetBytes("/page-purged-by-retention")));

        var report = await host.Retention.RunAsync();

        Assert.Equal(1, report.Purged);
        Assert.True(report.Scrubbed);
        Assert.False(FileContains("retention.db", Encoding.UTF8.GetBytes("/page-purged-by-retention")), "a purged value is still in the database's files");
        Assert.True(FileContains("retention.db", Encoding.UTF8.GetBytes("/page-kept-by-retention")));
    }

    private async Task<SubjectsHost> SubjectsAsync(string name, Action<DataGuardOptions>? configure = null)
    {
        var file = _folder.File(name);
        var host = await SubjectsHost.StartAsync(o => o.UseSqlite($"Data Source={file}"), configure, shredReviews: true);
        await host.WithContextAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL"));
        return host;
    }

    private static async Task<(SubjectData Ana, SubjectData Bea)> SeedAsync(SubjectsHost host)
    {
        var category = new Category { Name = "books" };
        var ana = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime, recent: false);
        var bea = SubjectData.Create("bea", category, SubjectsHost.Now.UtcDateTime, recent: false);
        await host.AddAsync([category, .. ana.Entities, .. bea.Entities]);
        return (ana, bea);
    }

    /// <summary>A column's stored bytes (text as UTF-8), read with plain SQL.</summary>
    private static Task<byte[]> StoredAsync(SubjectsHost host, string sql, string id) => host.WithContextAsync(async db =>
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync() switch
        {
            byte[] bytes => bytes,
            string text => Encoding.UTF8.GetBytes(text),
            var other => throw new InvalidOperationException($"No stored value ({other?.GetType().Name ?? "null"})."),
        };
    });

    private bool FileContains(string name, byte[] needle)
        => new[] { name, name + "-wal" }
            .Select(_folder.File)
            .Where(File.Exists)
            .Any(path =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0;
            });
}
