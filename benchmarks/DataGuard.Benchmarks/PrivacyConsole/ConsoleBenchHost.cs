using System.Globalization;
using DataGuard.Benchmarks.Audit;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.Benchmarks.PrivacyConsole;

/// <summary>
/// The privacy console on an in-process server over a SQLite file seeded with <c>auditEntries</c> audit entries and
/// <c>requests</c> subject requests (a fifth of them open, deadlines spread over a year), written with plain SQL in
/// one transaction because the pages only read them.
/// </summary>
internal sealed class ConsoleBenchHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _file = Path.Combine(Path.GetTempPath(), "dataguard-console-bench-" + Guid.NewGuid().ToString("N") + ".db");

    private ConsoleBenchHost()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(BenchOfficerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BenchOfficerHandler>(BenchOfficerHandler.SchemeName, null);
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy("privacy-viewer", p => p.RequireRole("officer"));
            o.AddPolicy("privacy-operator", p => p.RequireRole("officer"));
        });
        builder.Services.AddAntiforgery();
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.AddDataGuard().UseEntityFrameworkStores<BenchDb>().AddAuditing();
        builder.Services.AddDbContext<BenchDb>((sp, o) => o.UseSqlite($"Data Source={_file}").UseDataGuard(sp));
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.UseDataGuard();
        _app.MapPrivacyConsole("/privacy-console");
    }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The inbox URL of the page that starts in the middle of the open requests.</summary>
    public string MiddleInboxPage { get; private set; } = "";

    public static async Task<ConsoleBenchHost> StartAsync(int auditEntries, int requests)
    {
        var host = new ConsoleBenchHost();
        await using (var scope = host._app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BenchDb>();
            await db.Database.EnsureCreatedAsync();
            await using var connection = new SqliteConnection($"Data Source={host._file}");
            await connection.OpenAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await SeedAuditAsync(connection, transaction, auditEntries);
            host.MiddleInboxPage = await SeedRequestsAsync(connection, transaction, requests);
            await transaction.CommitAsync();
        }

        await host._app.StartAsync();
        host.Client = host._app.GetTestClient();
        return host;
    }

    private static async Task SeedAuditAsync(SqliteConnection connection, SqliteTransaction transaction, int count)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO \"DataGuardAuditEntries\" (\"Sequence\", \"Timestamp\", \"Action\", \"Actor\", \"EntityType\", \"Purpose\", " +
            "\"Details\", \"PreviousHash\", \"Hash\") VALUES ($s, $t, 'entity.updated', 'app', 'BenchCustomer', 'billing', 'seeded', $h, $h)";
        var sequence = insert.Parameters.Add("$s", SqliteType.Integer);
        var time = insert.Parameters.Add("$t", SqliteType.Text);
        insert.Parameters.AddWithValue("$h", new byte[32]);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= count; i++)
        {
            sequence.Value = i;
            time.Value = start.AddSeconds(i).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<string> SeedRequestsAsync(SqliteConnection connection, SqliteTransaction transaction, int count)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO \"DataGuardSubjectRequests\" (\"Id\", \"SubjectId\", \"Kind\", \"Status\", \"ReceivedAt\", \"DueAt\", \"Version\") "
                             + "VALUES ($id, $subject, $kind, $status, $received, $due, 1);"
                             + "INSERT INTO \"DataGuardSubjectRequestChanges\" (\"RequestId\", \"Sequence\", \"Action\", \"At\", \"Actor\") "
                             + "VALUES ($id, 0, 'Received', $received, 'subject')";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var subject = insert.Parameters.Add("$subject", SqliteType.Text);
        var kind = insert.Parameters.Add("$kind", SqliteType.Text);
        var status = insert.Parameters.Add("$status", SqliteType.Text);
        var received = insert.Parameters.Add("$received", SqliteType.Text);
        var due = insert.Parameters.Add("$due", SqliteType.Text);
        var random = new Random(42);
        var now = DateTime.UtcNow;
        var open = new List<(DateTime Due, Guid Id)>();
        string[] kinds = ["Access", "Erasure", "Rectification", "Portability"];
        string[] openStatuses = ["Received", "IdentityVerified", "InProgress"];
        for (var i = 0; i < count; i++)
        {
            var requestId = Guid.NewGuid();
            var isOpen = i % 5 == 0;
            var receivedAt = now.AddDays(-random.Next(0, 365)).AddSeconds(-random.Next(0, 86_400));
            var dueAt = receivedAt.AddDays(30);
            id.Value = requestId.ToString("D").ToUpperInvariant();
            subject.Value = Guid.NewGuid().ToString("D").ToUpperInvariant();
            kind.Value = kinds[i % kinds.Length];
            status.Value = isOpen ? openStatuses[i % openStatuses.Length] : (i % 2 == 0 ? "Completed" : "Rejected");
            received.Value = receivedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            due.Value = dueAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            await insert.ExecuteNonQueryAsync();
            if (isOpen)
            {
                open.Add((dueAt, requestId));
            }
        }

        var middle = open.OrderBy(static r => r.Due).ThenBy(static r => r.Id).ElementAt(open.Count / 2);
        return "/privacy-console/requests?kind=&due=all&after=" +
            new DateTimeOffset(middle.Due).UtcTicks.ToString(CultureInfo.InvariantCulture) +
            "." +
            middle.Id.ToString("N");
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
