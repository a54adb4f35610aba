using DataGuard.Audit;
using DataGuard.EFCore.Retention;
using DataGuard.EFCore.Tests.Audit;
using DataGuard.EFCore.Tests.Keys;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Keys;
using DataGuard.Subjects;
using DataGuard.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>One subject, one spelling, on SQLite (which stores Guids in upper case): holds, subject keys, requests and
/// the audit trail reach the same subject under every spelling the model accepts, and refuse text that is no subject.</summary>
public sealed class SubjectSpellingTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<SubjectData> SeedAsync(SubjectsHost host)
    {
        var category = new Category { Name = "books" };
        var data = SubjectData.Create("ana", category, SubjectsHost.Now.UtcDateTime, recent: false);
        await host.AddAsync([category, .. data.Entities]);
        return data;
    }

    [Fact]
    public async Task A_hold_placed_with_the_upper_case_guid_sqlite_stores_keeps_every_row_when_erasure_names_the_subject_in_lower_case()
    {
        await using var host = await SubjectsHost.SqliteAsync(_folder);
        var ana = await SeedAsync(host);
        var stored = await host.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Id\" AS \"Value\" FROM \"Shoppers\"").SingleAsync());
        Assert.Equal(ana.Shopper.Id.ToString("D").ToUpperInvariant(), stored); // the spelling a support tool reads from the table
        var hold = await host.Holds.PlaceOnSubjectAsync(new SubjectId(stored), "Case 2026-17", "legal");
        var before = await host.SnapshotAsync();

        var report = await host.Subjects.EraseAsync(new SubjectId(ana.Shopper.Id.ToString("D")));

        Assert.Equal((SubjectId)ana.Shopper.Id, hold.Subject);
        Assert.Equal((0L, 0L, 0L, 1 + 2 + 3 + 1L), (report.Deleted, report.Anonymized, report.Shredded, report.Kept));
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [PostgresFact]
    public async Task A_hold_placed_under_another_spelling_keeps_every_row_on_postgresql_too()
    {
        var connectionString = PostgresTestDatabase.ForNewDatabase("spelling");
        try
        {
            await using var host = await SubjectsHost.StartAsync(o => o.UseNpgsql(connectionString));
            var ana = await SeedAsync(host);
            await host.Holds.PlaceOnSubjectAsync(new SubjectId(ana.Shopper.Id.ToString("N").ToUpperInvariant()), "Case 2026-17", "legal");

            var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

            Assert.Equal((0L, 0L, 1 + 2 + 3 + 1L), (report.Deleted, report.Anonymized, report.Kept));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(
                PostgresTestDatabase.AdminConnectionString) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand(
                $"DROP DATABASE IF EXISTS \"{new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task A_hold_stored_under_another_spelling_before_holds_were_canonical_is_still_honoured_by_erasure()
    {
        await using var host = await SubjectsHost.SqliteAsync(_folder);
        var ana = await SeedAsync(host);
        await host.AddAsync(new LegalHoldRecord { Id = Guid.NewGuid(), SubjectId = ana.Shopper.Id.ToString("B").ToUpperInvariant(), Reason = "Case 9",
            PlacedBy = "legal", PlacedAt = SubjectsHost.Now });

        var report = await host.Subjects.EraseAsync(ana.Shopper.Id);

        Assert.Equal((0L, 1 + 2 + 3 + 1L), (report.Deleted, report.Kept));
    }

    [Property(MaxTest = 12)]
    public Property A_hold_placed_under_any_spelling_is_honoured_by_erasure_under_any_other_spelling() => Prop.ForAll(SubjectSpellings.Pairs, pair =>
    {
        using var folder = new TempDirectory();
        var host = SubjectsHost.SqliteAsync(folder).GetAwaiter().GetResult();
        try
        {
            var ana = SeedAsync(host).GetAwaiter().GetResult();
            var spellings = SubjectSpellings.Of(ana.Shopper.Id);
            var (placed, erased) = (spellings[pair.First % spellings.Length], spellings[pair.Second % spellings.Length]);
            host.Holds.PlaceOnSubjectAsync(new SubjectId(placed), "Case 2026-17", "legal").GetAwaiter().GetResult();

            var report = host.Subjects.EraseAsync(new SubjectId(erased)).GetAwaiter().GetResult();
            var shoppers = host.WithContextAsync(db => db.Shoppers.CountAsync()).GetAwaiter().GetResult();
            return (report.Deleted == 0 && report.Kept == 7 && shoppers == 1 && report.SubjectId == ana.Shopper.Id)
                .Label($"hold placed as '{placed}', erasure as '{erased}'");
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    });

    [Fact]
    public async Task Export_and_erasure_refuse_text_that_is_no_subject_of_the_model_instead_of_answering_empty()
    {
        await using var host = await SubjectsHost.SqliteAsync(_folder);
        var ana = await SeedAsync(host);

        await Assert.ThrowsAsync<ArgumentException>(() => host.ExportAsync(new SubjectId("ana")));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Subjects.EraseAsync(new SubjectId(ana.Shopper.Id.ToString("N")[1..])));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Holds.PlaceOnSubjectAsync(new SubjectId("007"), "Case 1", "legal"));
        Assert.Equal(1, await host.WithContextAsync(db => db.Shoppers.CountAsync()));
    }

    [Property(MaxTest = 8)]
    public Property ShredAsync_under_any_spelling_destroys_the_subjects_real_key_and_no_phantom() => Prop.ForAll(Arb.From(Gen.Choose(0, 100)), index =>
    {
        var database = new SqliteClinicDatabase();
        var host = database.HostAsync().GetAwaiter().GetResult();
        try
        {
            var ana = SubjectKeyScenarios.Ana();
            host.WithContextAsync(async db => { db.Add(ana); await db.SaveChangesAsync(); }).GetAwaiter().GetResult();
            var spellings = SubjectSpellings.Of(ana.Id);
            var spelling = spellings[index % spellings.Length];

            host.Keys.ShredAsync(new SubjectId(spelling)).GetAwaiter().GetResult();

            var keys = host.WithContextAsync(db => db.Set<DataKeyRecord>().AsNoTracking().Where(
                k => k.SubjectId != null).ToListAsync()).GetAwaiter().GetResult();
            var key = keys.Single();
            var shredded = host.Audit.Events.Single(e => e.Action == AuditActions.SubjectShredded);
            return (key.SubjectId == ana.Id.ToString("D") && key.Status == DataKeyStatus.Shredded && key.WrappedKey is null && shredded.SubjectId == ana.Id)
                .Label($"shredded as '{spelling}': keys {string.Join(", ", keys.Select(k => $"{k.SubjectId}={k.Status}"))}");
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    });

    [Fact]
    public async Task ShredAsync_refuses_text_that_is_no_subject_of_the_model()
    {
        await using var database = new SqliteClinicDatabase();
        await using var host = await database.HostAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Keys.ShredAsync(new SubjectId("ana")));
        Assert.DoesNotContain(host.Audit.Events, e => e.Action == AuditActions.SubjectShredded);
    }

    [Fact]
    public async Task The_audit_trail_records_a_subject_in_the_models_spelling_and_a_query_under_any_spelling_finds_it()
    {
        using var folder = new TempDirectory();
        await using var host = await AuditTestHost.SqliteAsync(folder);
        var subject = Guid.NewGuid();
        await host.Trail.RecordAsync(new AuditEvent("test.spelled") { SubjectId = new SubjectId(subject.ToString("B").ToUpperInvariant()) });

        Assert.Equal(subject.ToString("D"), Assert.Single(await host.RowsAsync(), r => r.Action == "test.spelled").SubjectId);
        foreach (var spelling in SubjectSpellings.Of(subject))
        {
            var page = await host.Store.QueryAsync(new AuditQuery { SubjectId = new SubjectId(spelling) });
            Assert.Single(page.Entries, e => e.Action == "test.spelled");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task The_audit_trail_keeps_an_id_that_is_no_subject_of_the_model_as_given()
    {
        using var folder = new TempDirectory();
        await using var host = await AuditTestHost.SqliteAsync(folder);
        await host.Trail.RecordAsync(new AuditEvent("test.foreign") { SubjectId = new SubjectId("Staff-7") });

        Assert.Equal("Staff-7", Assert.Single(await host.RowsAsync(), r => r.Action == "test.foreign").SubjectId);
        Assert.Single((await host.Store.QueryAsync(new AuditQuery { SubjectId = new SubjectId("Staff-7") })).Entries);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
