using System.Data.Common;
using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataGuard.EFCore.Tests.Audit.AuditScenarios;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>The audit stories about transactions (DataGuard's own, the application's, failed saves), on both databases.</summary>
internal static class AuditTransactionScenarios
{
    public static async Task A_save_in_a_transaction_DataGuard_opened_leaves_the_savepoint_setting_as_it_was(AuditTestHost host)
    {
        var existing = NewCustomer();
        await using var db = host.NewContext();
        db.Add(existing);
        await db.SaveChangesAsync();
        Assert.True(db.Database.AutoSavepointsEnabled);
        db.ChangeTracker.Clear();

        // DataGuard turns EF Core's savepoint off for the save it wraps in its own transaction, and back afterwards,
        // also when the save fails.
        db.Add(NewCustomer(existing.Id));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(db.Database.AutoSavepointsEnabled);
        db.ChangeTracker.Clear();

        db.Database.AutoSavepointsEnabled = false;
        db.Add(NewCustomer());
        db.Add(NewCustomer());
        db.SaveChanges();
        Assert.False(db.Database.AutoSavepointsEnabled);
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task A_save_failing_on_a_constraint_leaves_no_audit_row(AuditTestHost host)
    {
        var existing = NewCustomer();
        await using (var db = host.NewContext())
        {
            db.Add(existing);
            await db.SaveChangesAsync();
        }

        var head = await host.HeadAsync();
        var rows = (await host.RowsAsync()).Count;
        var innocent = NewCustomer();
        await using (var db = host.NewContext())
        {
            db.AddRange(innocent, NewCustomer(existing.Id));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

            // The same context stays usable and audits its next successful save.
            db.ChangeTracker.Clear();
            Assert.Equal(0, await db.Customers.CountAsync(c => c.Id == innocent.Id));
        }

        Assert.Equal(rows, (await host.RowsAsync()).Count);
        Assert.Equal(head.Sequence, (await host.HeadAsync()).Sequence);
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task A_save_failing_on_a_concurrency_conflict_releases_DataGuards_transaction(AuditTestHost host)
    {
        // EF Core reports a DbUpdateConcurrencyException through the context's SaveChangesFailed event only, not
        // through the interceptors: DataGuard's transaction must still be rolled back and the savepoint setting restored.
        var customer = NewCustomer();
        await using (var db = host.NewContext())
        {
            db.Add(customer);
            await db.SaveChangesAsync();
        }

        await using var stale = host.NewContext();
        var loaded = await stale.Customers.SingleAsync(c => c.Id == customer.Id);
        await using (var other = host.NewContext())
        {
            await other.Customers.Where(c => c.Id == customer.Id).ExecuteDeleteAsync(); // audited itself
        }

        var head = await host.HeadAsync();

        loaded.Name = "Renamed After Delete";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());

        Assert.Null(stale.Database.CurrentTransaction);
        Assert.True(stale.Database.AutoSavepointsEnabled);
        Assert.Equal(head.Sequence, (await host.HeadAsync()).Sequence);

        // Nothing holds the chain head (on SQLite, the database's write lock): another context saves and audits.
        await using (var next = host.NewContext())
        {
            next.Add(NewCustomer());
            await next.SaveChangesAsync();
        }

        Assert.Equal(head.Sequence + 1, (await host.HeadAsync()).Sequence);
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task An_application_transaction_carries_the_audit_rows_with_it(AuditTestHost host)
    {
        var rows = (await host.RowsAsync()).Count;
        await using (var db = host.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(NewCustomer());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(rows, (await host.RowsAsync()).Count);

        await using (var db = host.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(NewCustomer());
            await db.SaveChangesAsync();
            db.Add(NewCustomer());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal(rows + 2, (await host.RowsAsync()).Count);
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task Recording_an_event_inside_an_application_transaction_enlists_in_it(AuditTestHost host)
    {
        var rows = (await host.RowsAsync()).Count;
        foreach (var commit in new[] { false, true })
        {
            using (host.AuditContext.Begin("app-user"))
            {
                await using var db = host.NewContext();
                await using var transaction = await db.Database.BeginTransactionAsync();

                // The save appends in the transaction, which now holds the chain-head lock (and on SQLite the write lock).
                db.Add(NewCustomer());
                await db.SaveChangesAsync();

                // On a connection of its own this would wait for that lock until the transaction ends: a deadlock.
                await host.Trail.RecordAsync(new AuditEvent("app.exported") { Details = commit
                    ? "committed" : "rolled back" }).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
                if (commit)
                {
                    await transaction.CommitAsync();
                }
                else
                {
                    await transaction.RollbackAsync();
                }
            }
        }

        var added = (await host.RowsAsync()).Skip(rows).ToList();
        Assert.Equal([(AuditActions.EntityInserted, (string?)null), ("app.exported", "committed")], added.Select(r => (r.Action, r.Details)));
        Assert.Equal("app-user", added[1].Actor);
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);

        // Once the transaction has ended, an event in the same kind of scope gets a transaction of its own again.
        using (host.AuditContext.Begin("app-user"))
        {
            await host.Trail.RecordAsync(new AuditEvent("app.exported")).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(rows + 3, (await host.RowsAsync()).Count);
    }

    public static async Task Recording_outside_an_audit_scope_while_the_callers_transaction_holds_the_lock_fails_with_what_to_do(AuditTestHost host)
    {
        await using var db = host.NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Add(NewCustomer());
        await db.SaveChangesAsync();

        // No audit scope: the trail cannot know this transaction is its caller's, waits for the lock and times out.
        var ex = await Assert.ThrowsAsync<DataGuardAuditException>(() => host.Trail.RecordAsync(new AuditEvent("app.exported")).AsTask().WaitAsync(
            TimeSpan.FromSeconds(30)));
        Assert.Contains("IAuditContext.Begin(...)", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<DbException>(ex.InnerException as DbException ?? ex.InnerException?.InnerException);
        await transaction.CommitAsync();
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }
}
