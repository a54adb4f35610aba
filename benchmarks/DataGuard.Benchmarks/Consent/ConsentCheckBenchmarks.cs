using System.Globalization;
using BenchmarkDotNet.Attributes;
using DataGuard.Consent;
using DataGuard.EFCore.Consent;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Consent;

/// <summary>
/// A consent check (<see cref="IConsentService.HasConsentAsync"/>) against a SQLite table of 1M consent records, against
/// the baseline of a plain EF Core primary-key lookup of one row in the same database, both no-tracking on one
/// long-lived context. The database file is built once in the temp folder and reused by later runs.
/// </summary>
[MemoryDiagnoser]
public class ConsentCheckBenchmarks
{
    private const int Subjects = 100_000;
    private const int RecordsPerSubject = 10;
    private const int Rows = Subjects * RecordsPerSubject;

    private static readonly string[] Purposes = ["marketing", "newsletter", "profiling"];

    private ServiceProvider _provider = null!;
    private AsyncServiceScope _scope;
    private ConsentBenchmarkDb _db = null!;
    private IConsentService _consents = null!;
    private SubjectId _subject;
    private long _rowId;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dataguard-bench");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "consent-1m.db");

        var services = new ServiceCollection();
        services.AddDataGuard(o =>
        {
            o.Purposes.Add("marketing", notice: "2026-11");
            o.Purposes.Add("newsletter", notice: "2026-11");
            o.Purposes.Add("profiling", lawfulBasis: LawfulBasis.LegitimateInterests);
        }).UseEntityFrameworkStores<ConsentBenchmarkDb>();
        services.AddDbContext<ConsentBenchmarkDb>((sp, o) => o.UseSqlite($"Data Source={file}").UseDataGuard(sp));
        _provider = services.BuildServiceProvider();
        _scope = _provider.CreateAsyncScope();
        _db = _scope.ServiceProvider.GetRequiredService<ConsentBenchmarkDb>();
        EnsureSeeded(_db);
        _consents = _scope.ServiceProvider.GetRequiredService<IConsentService>();

        _subject = (SubjectId)SubjectName(Subjects / 2);
        _rowId = Rows / 2;
        if (!_consents.HasConsentAsync(_subject, "marketing").GetAwaiter().GetResult() || !PrimaryKeyLookup().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The seeded database does not hold the expected rows; delete " + file + " and run again.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.Dispose();
        _provider.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> PrimaryKeyLookup() =>
        await _db.Set<ConsentRecordRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == _rowId) is not null;

    [Benchmark]
    public Task<bool> HasConsent() => _consents.HasConsentAsync(_subject, "marketing");

    private static string SubjectName(int i) => "subject-" + i.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>1M rows: per subject, grants and withdrawals across three purposes, the last marketing record a grant.</summary>
    private static void EnsureSeeded(ConsentBenchmarkDb db)
    {
        db.Database.EnsureCreated();
        if (db.Set<ConsentRecordRow>().Count() == Rows)
        {
            return;
        }

        db.Database.ExecuteSqlRaw("DELETE FROM DataGuardConsentRecords");
        var connection = db.Database.GetDbConnection();
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO DataGuardConsentRecords (SubjectId, Purpose, Kind, RecordedAt, NoticeVersion, ExpiresAt, Source, Evidence, Actor) " +
                             "VALUES ($subject, $purpose, $kind, $recordedAt, '2026-11', NULL, 'web-form', '{\"form\":\"signup\"}', 'self')";
        var subject = insert.CreateParameter();
        subject.ParameterName = "$subject";
        var purpose = insert.CreateParameter();
        purpose.ParameterName = "$purpose";
        var kind = insert.CreateParameter();
        kind.ParameterName = "$kind";
        var recordedAt = insert.CreateParameter();
        recordedAt.ParameterName = "$recordedAt";
        insert.Parameters.Add(subject);
        insert.Parameters.Add(purpose);
        insert.Parameters.Add(kind);
        insert.Parameters.Add(recordedAt);
        insert.Prepare();

        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Subjects; i++)
        {
            subject.Value = SubjectName(i);
            for (var r = 0; r < RecordsPerSubject; r++)
            {
                // Records cycle through the purposes; a purpose's records alternate grant / withdrawal, and each
                // purpose's last record is a grant.
                purpose.Value = Purposes[r % 3];
                kind.Value = (RecordsPerSubject - 1 - r) / 3 % 2 == 0 ? nameof(ConsentRecordKind.Granted) : nameof(ConsentRecordKind.Withdrawn);
                recordedAt.Value = start.AddMinutes((i * RecordsPerSubject) + r).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }
}
