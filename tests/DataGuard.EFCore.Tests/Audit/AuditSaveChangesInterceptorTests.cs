using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using DataGuard.Testing;
using static DataGuard.EFCore.Tests.Audit.AuditScenarios;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>What SaveChanges and DataGuard's own operations append, on SQLite.</summary>
public sealed class AuditSaveChangesInterceptorTests
{
    [Fact]
    public async Task DataGuard_operations_append_through_the_audit_trail_with_the_ambient_actor()
    {
        using var folder = new TempDirectory();
        await using var host = await AuditTestHost.SqliteAsync(folder);
        using (host.AuditContext.Begin("privacy-officer", correlationId: "ticket-9"))
        {
            await host.Trail.RecordAsync(new AuditEvent(AuditActions.ConsentGranted) { SubjectId = (SubjectId)"subject-1", Purpose = "marketing",
                Details = "notice 2026-11" });
        }

        var row = Assert.Single(await host.RowsAsync());
        Assert.Equal((AuditActions.ConsentGranted, "privacy-officer", "ticket-9", "subject-1", "marketing", "notice 2026-11"),
            (row.Action, row.Actor, row.CorrelationId, row.SubjectId, row.Purpose, row.Details));
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task A_synchronous_save_is_audited_too()
    {
        using var folder = new TempDirectory();
        await using var host = await AuditTestHost.SqliteAsync(folder);
        using (var db = host.NewContext())
        {
            db.Add(NewCustomer());
            db.SaveChanges();
        }

        Assert.Equal(AuditActions.EntityInserted, Assert.Single(await host.RowsAsync()).Action);
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Changes_without_personal_data_are_not_audited()
    {
        using var folder = new TempDirectory();
        await using var host = await AuditTestHost.SqliteAsync(folder);
        await using (var db = host.NewContext())
        {
            db.Add(new Country { Code = "PT" });
            await db.SaveChangesAsync();
        }

        Assert.Empty(await host.RowsAsync());
    }
}
