using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using static DataGuard.EFCore.Tests.Audit.AuditScenarios;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>ExecuteUpdate and ExecuteDelete on entities with personal data; SQLite and PostgreSQL run them.</summary>
internal static class BulkStatementScenarios
{
    private static async Task<List<AuditEntry>> SubjectEntriesAsync(AuditTestHost host, Guid subject, string action)
        => [.. (await host.Store.QueryAsync(new AuditQuery { SubjectId = SubjectId.From(subject), Action = action })).Entries];

    public static async Task ExecuteUpdate_is_audited_with_entity_rows_and_the_subject_its_filter_names(AuditTestHost host)
    {
        var customer = NewCustomer();
        var other = NewCustomer();
        await using (var db = host.NewContext())
        {
            db.AddRange(customer, other);
            await db.SaveChangesAsync();
        }

        var id = customer.Id;
        int updated;
        using (host.AuditContext.Begin("bulk-agent", "care"))
        {
            await using var db = host.NewContext();
            updated = await db.Customers.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Renamed Person"));
        }

        Assert.Equal(1, updated);
        var entry = Assert.Single(await SubjectEntriesAsync(host, customer.Id, AuditActions.EntitiesBulkUpdated));
        Assert.Equal(("bulk-agent", "care", "Customer", "rows=1"), (entry.Actor, entry.Purpose, entry.EntityType, entry.Details));
        Assert.Empty(await SubjectEntriesAsync(host, other.Id, AuditActions.EntitiesBulkUpdated));
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);

        // The value went through the column's encryption, and reads back.
        await using (var db = host.NewContext())
        {
            Assert.Equal("Renamed Person", (await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id)).Name);
            var stored = await db.Database.SqlQueryRaw<string>("SELECT \"Name\" AS \"Value\" FROM \"Customers\"").ToListAsync();
            Assert.DoesNotContain(stored, s => s.Contains("Renamed", StringComparison.Ordinal));
        }
    }

    public static async Task ExecuteDelete_is_audited_for_each_subject_its_filter_names_with_the_rows_deleted(AuditTestHost host)
    {
        var customers = new[] { NewCustomer(), NewCustomer(), NewCustomer() };
        await using (var db = host.NewContext())
        {
            db.AddRange(customers);
            await db.SaveChangesAsync();
        }

        var ids = new[] { customers[0].Id, customers[1].Id };
        await using (var db = host.NewContext())
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(2, await db.Customers.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync());
            await transaction.CommitAsync();
        }

        foreach (var id in ids)
        {
            var entry = Assert.Single(await SubjectEntriesAsync(host, id, AuditActions.EntitiesBulkDeleted));
            Assert.Equal(("Customer", "rows=2"), (entry.EntityType, entry.Details));
            Assert.Equal(["CardNumber", "Email", "Name"], entry.Properties!.Order(StringComparer.Ordinal));
        }

        Assert.Empty(await SubjectEntriesAsync(host, customers[2].Id, AuditActions.EntitiesBulkDeleted));
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task ExecuteUpdate_without_a_subject_filter_is_audited_once_with_its_row_count(AuditTestHost host)
    {
        await using (var db = host.NewContext())
        {
            db.AddRange(NewCustomer(), NewCustomer());
            await db.SaveChangesAsync();
        }

        var before = (await host.HeadAsync()).Sequence;
        await using (var db = host.NewContext())
        {
            await db.Customers.ExecuteUpdateAsync(s => s.SetProperty(c => c.CardNumber, (string?)null));
        }

        var rows = (await host.RowsAsync()).Where(r => r.Sequence > before).ToList();
        var entry = Assert.Single(rows);
        Assert.Equal((AuditActions.EntitiesBulkUpdated, "Customer", (string?)null), (entry.Action, entry.EntityType, entry.SubjectId));
        Assert.StartsWith("rows=", entry.Details, StringComparison.Ordinal);
        Assert.NotEqual("rows=0", entry.Details);
    }

    public static async Task ExecuteUpdate_refuses_what_it_cannot_encrypt_naming_entity_and_property_without_the_value(AuditTestHost host)
    {
        var customer = NewCustomer();
        await using (var db = host.NewContext())
        {
            db.Add(customer);
            await db.SaveChangesAsync();
        }

        await using (var db = host.NewContext())
        {
            var computed = await Assert.ThrowsAsync<DataGuardException>(() => db.Customers.ExecuteUpdateAsync(s => s.SetProperty(c => c.Name,
                c => c.Name + "x")));
            Assert.Contains("Customer.Name", computed.Message, StringComparison.Ordinal);

            const string secret = "new.secret@example.com";
            var searchable = await Assert.ThrowsAsync<DataGuardException>(() => db.Customers.ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, secret)));
            Assert.Contains("Customer.Email", searchable.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, searchable.Message, StringComparison.Ordinal);
        }

        await using (var db = host.NewContext())
        {
            var stored = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customer.Id);
            Assert.Equal((Email, Name), (stored.Email, stored.Name));
        }
    }

    public static async Task A_synchronous_ExecuteDelete_outside_a_transaction_is_audited_in_one_of_its_own(AuditTestHost host)
    {
        var customer = NewCustomer();
        await using (var db = host.NewContext())
        {
            db.Add(customer);
            await db.SaveChangesAsync();
        }

        var id = customer.Id;
        using (var db = host.NewContext())
        {
            Assert.Equal(1, db.Customers.Where(c => c.Id == id).ExecuteDelete());
        }

        var entry = Assert.Single(await SubjectEntriesAsync(host, id, AuditActions.EntitiesBulkDeleted));
        Assert.Equal(("Customer", "rows=1"), (entry.EntityType, entry.Details));
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }
}
