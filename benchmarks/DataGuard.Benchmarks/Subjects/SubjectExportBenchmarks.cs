using System.Data.Common;
using BenchmarkDotNet.Attributes;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Benchmarks.Subjects;

/// <summary>
/// Export of one subject (100 rows over five entity types: JSON and CSV per entity, manifest, consents) from a SQLite
/// database of 100k or 1M rows, against the baseline of hand-written indexed EF Core queries that return the same rows
/// (no tracking, materialised), the subject's consent history included, as the package holds it too. Personal columns are stored in clear here, so both sides
/// read the same bytes and the
/// figures measure export, not decryption. The database files are built once in $TMPDIR/dataguard-bench.
/// </summary>
[MemoryDiagnoser]
public class SubjectExportBenchmarks
{
    private const int RowsPerSubject = 100; // 1 customer, 20 orders, 40 lines, 20 visits, 19 messages

    private static readonly string[] ParameterNames = ["$a", "$b", "$c"];

    private ServiceProvider _provider = null!;
    private AsyncServiceScope _scope;
    private ExportBenchDb _db = null!;
    private ISubjectRightsService _subjects = null!;
    private IConsentStore _consents = null!;
    private int _subject;

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dataguard-bench");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"export-{Rows}.db");
        var services = new ServiceCollection();
        services.AddDataGuard().UseEntityFrameworkStores<ExportBenchDb>();
        services.AddDbContext<ExportBenchDb>((sp, o) => o.UseSqlite($"Data Source={file}").UseDataGuard(sp));
        _provider = services.BuildServiceProvider();
        _scope = _provider.CreateAsyncScope();
        _db = _scope.ServiceProvider.GetRequiredService<ExportBenchDb>();
        var customers = Rows / RowsPerSubject;
        EnsureSeeded(_db, customers);
        _subjects = _provider.GetRequiredService<ISubjectRightsService>();
        _consents = _scope.ServiceProvider.GetRequiredService<IConsentStore>();
        _subject = customers / 2;
        if (HandWrittenQueries().GetAwaiter().GetResult() != RowsPerSubject || HandWrittenQueriesNewContext().GetAwaiter().GetResult() != RowsPerSubject)
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

    /// <summary>The same queries in a scope and context of their own, as the export service (a singleton) and a web
    /// request both work: the like-for-like baseline.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> HandWrittenQueriesNewContext()
    {
        await using var scope = _provider.CreateAsyncScope();
        return await Queries(scope.ServiceProvider.GetRequiredService<ExportBenchDb>(), scope.ServiceProvider.GetRequiredService<IConsentStore>(), _subject);
    }

    /// <summary>The same queries on one long-lived context.</summary>
    [Benchmark]
    public Task<int> HandWrittenQueries() => Queries(_db, _consents, _subject);

    [Benchmark]
    public Task Export() => _subjects.ExportAsync(_subject, Stream.Null);

    private static async Task<int> Queries(ExportBenchDb db, IConsentStore consentStore, int id)
    {
        var customers = await db.Customers.AsNoTracking().Where(c => c.Id == id).ToListAsync();
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == id).OrderBy(o => o.Id).ToListAsync();
        var lines = await db.Lines.AsNoTracking().Where(l => l.Order!.CustomerId == id).OrderBy(l => l.Id).ToListAsync();
        var visits = await db.Visits.AsNoTracking().Where(v => v.CustomerId == id).OrderBy(v => v.Id).ToListAsync();
        var messages = await db.Messages.AsNoTracking().Where(m => m.CustomerId == id).OrderBy(m => m.Id).ToListAsync();
        var consents = await consentStore.GetHistoryAsync(id);
        return customers.Count + orders.Count + lines.Count + visits.Count + messages.Count + consents.Count;
    }

    /// <summary>Seeds with one prepared command per table in one transaction.</summary>
    private static void EnsureSeeded(ExportBenchDb db, int customers)
    {
        db.Database.EnsureCreated();
        if (db.Customers.Count() == customers)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var joined = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        using var customer = Prepare(connection, transaction, "INSERT INTO Customers (Id, Name, JoinedAt) VALUES ($a, $b, '" + joined + "')");
        using var order = Prepare(connection, transaction, "INSERT INTO Orders (Id, CustomerId, Address, Total) VALUES ($a, $b, $c, '12.50')");
        using var line = Prepare(connection, transaction, "INSERT INTO Lines (Id, OrderId, Engraving, Quantity) VALUES ($a, $b, $c, 1)");
        using var visit = Prepare(connection, transaction, "INSERT INTO Visits (Id, CustomerId, Page, VisitedAt) VALUES ($a, $b, $c, '" + joined + "')");
        using var message = Prepare(connection, transaction, "INSERT INTO Messages (Id, CustomerId, Text, SentAt) VALUES ($a, $b, $c, '" + joined + "')");
        int orderId = 0, lineId = 0, visitId = 0, messageId = 0;
        for (var c = 0; c < customers; c++)
        {
            Run(customer, c, "Customer " + c, null);
            for (var o = 0; o < 20; o++)
            {
                Run(order, ++orderId, c, $"{o} Main Street, customer {c}");
                Run(line, ++lineId, orderId, "for customer " + c);
                Run(line, ++lineId, orderId, null);
                Run(visit, ++visitId, c, "/products/" + o);
            }

            for (var m = 0; m < 19; m++)
            {
                Run(message, ++messageId, c, $"Message {m} from customer {c}, about an order.");
            }
        }

        transaction.Commit();
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in ParameterNames.Where(sql.Contains))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    private static void Run(DbCommand command, object a, object b, object? c)
    {
        command.Parameters[0].Value = a;
        command.Parameters[1].Value = b;
        if (command.Parameters.Count > 2)
        {
            command.Parameters[2].Value = c ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
