using System.Data.Common;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>The stories both databases must pass; SQLite and PostgreSQL test classes call them.</summary>
internal static class AuditScenarios
{
    public const string Email = "ana.secret@example.com";
    public const string Name = "Ana Secreta Silva";
    public const string Card = "4111 2222 3333 4444";
    public const string Address = "Rua Secreta 12, Lisboa";

    public static Customer NewCustomer(Guid? id = null)
        => new() { Id = id ?? Guid.NewGuid(), Email = Email, Name = Name, CardNumber = Card, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };

    public static async Task Inserts_updates_and_deletes_are_recorded_with_names_keys_and_subject(AuditTestHost host)
    {
        var before = (await host.HeadAsync()).Sequence;
        var customer = NewCustomer();
        var order = new Order { CustomerId = customer.Id, ShippingAddress = Address, Total = 10 };
        using (host.AuditContext.Begin("agent-7", "order-fulfilment", "corr-42"))
        {
            await using var db = host.NewContext();
            db.AddRange(customer, order);
            await db.SaveChangesAsync();
            host.Time.Advance(TimeSpan.FromMinutes(1));
            customer.Name = "Other Name";
            customer.CreatedAt = customer.CreatedAt.AddDays(1);
            await db.SaveChangesAsync();
            db.Remove(order);
            await db.SaveChangesAsync();
        }

        var rows = (await host.RowsAsync()).Where(r => r.Sequence > before).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(Enumerable.Range(1, 4).Select(i => before + i), rows.Select(r => r.Sequence));
        Assert.All(rows, r => Assert.Equal(("agent-7", "order-fulfilment", "corr-42", customer.Id.ToString("D")),
            (r.Actor, r.Purpose, r.CorrelationId, r.SubjectId)));

        var inserts = rows.Take(2).OrderBy(r => r.EntityType).ToList();
        Assert.Equal(("Customer", AuditActions.EntityInserted, customer.Id.ToString("D"), "CardNumber,Email,Name"),
            (inserts[0].EntityType, inserts[0].Action, inserts[0].EntityKey, inserts[0].Properties));
        Assert.Equal(("Order", AuditActions.EntityInserted, order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "ShippingAddress"),
            (inserts[1].EntityType, inserts[1].Action, inserts[1].EntityKey, inserts[1].Properties));
        Assert.True(order.Id > 0);
        Assert.Equal(AuditTestHost.Start.UtcDateTime, DateTime.SpecifyKind(inserts[0].Timestamp, DateTimeKind.Utc));

        Assert.Equal((AuditActions.EntityUpdated, "Customer", "Name"), (rows[2].Action, rows[2].EntityType, rows[2].Properties));
        Assert.Equal(AuditTestHost.Start.AddMinutes(1).UtcDateTime, DateTime.SpecifyKind(rows[2].Timestamp, DateTimeKind.Utc));
        Assert.Equal((AuditActions.EntityDeleted, "Order", "ShippingAddress"), (rows[3].Action, rows[3].EntityType, rows[3].Properties));
        Assert.All(rows, r => Assert.Null(r.Changes)); // masked values are off by default
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task Property_names_with_commas_brackets_and_quotes_verify(AuditTestHost host)
    {
        string[][] lists = [["Address,Line1", "Email"], ["[\"a\"", "\"b\"]"], ["", ","], ["Ünï,cødé", "東京"]];
        foreach (var names in lists)
        {
            await host.Trail.RecordAsync(new AuditEvent("app.names") { Properties = names });
        }

        // Several entries sharing their context also go through SQLite's one-statement insert.
        using (host.AuditContext.Begin("names"))
        {
            await host.Trail.RecordAsync(new AuditEvent("app.names") { Properties = lists[0] });
        }

        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
        var stored = (await host.Store.QueryAsync(new AuditQuery { Action = "app.names" })).Entries;
        Assert.Equal([.. lists, lists[0]], stored.Select(e => e.Properties!.ToArray()));
    }

    public static async Task Texts_that_need_escaping_are_stored_exactly_as_hashed(AuditTestHost host, bool includeInvalidUtf16)
    {
        // SQLite stores an append's texts through one JSON parameter: quotes, backslashes, control characters (NUL
        // too, on SQLite), non-ASCII and characters outside the BMP must come back exactly as the chain hashed them.
        var before = (await host.HeadAsync()).Sequence;
        string[] texts = ["quote \" and \\ backslash", "tab\tnew\nline\u0001", "Ünïcødé ação 東京", "emoji \U0001F600 end", "[\"not\", \"json\"]", ""];
        if (includeInvalidUtf16)
        {
            texts = [.. texts, "lone \uD800 surrogate"];
        }

        if (!host.IsPostgres)
        {
            texts = [.. texts, "nul \0 inside"]; // PostgreSQL's text cannot hold NUL at all
        }

        using (host.AuditContext.Begin("actor \"é\" \U0001F600", "purpose \\ x", "corr\n1"))
        {
            foreach (var text in texts)
            {
                await host.Trail.RecordAsync(new AuditEvent("app." + text) { EntityType = text, EntityKey = text, Properties = [text.Replace(',', ';'), "B"],
                    Details = text });
            }
        }

        // And all in one append of entries with different actions, types and properties (one statement on SQLite).
        var now = AuditChain.Truncate(host.Time.GetUtcNow());
        // (Valid UTF-16 only: a chunk with a lone surrogate goes row by row, as the single events above did.)
        string[] valid = [.. texts.Where(t => !t.Contains('\uD800', StringComparison.Ordinal))];
        var batch = valid.Select(text => new AuditRecord(now, "app." + text, "actor \"é\" \U0001F600", null, text, text, [text.Replace(',', ';'), "B"],
            "purpose \\ x", "corr\n1", text)).ToList();
        await host.Services.GetRequiredService<EntityFrameworkAuditTrail>().AppendAsync(batch, CancellationToken.None);

        var stored = (await host.Store.QueryAsync(new AuditQuery { AfterSequence = before })).Entries;
        Assert.Equal(texts.Length + valid.Length, stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var text = i < texts.Length ? texts[i] : valid[i - texts.Length];
            var expected = text.Contains('\uD800', StringComparison.Ordinal) ? text.Replace('\uD800', '\uFFFD') : text;
            Assert.Equal(("app." + expected, expected, expected, expected), (stored[i].Action, stored[i].EntityType, stored[i].EntityKey, stored[i].Details));
            Assert.Equal([expected.Replace(',', ';'), "B"], stored[i].Properties);
            Assert.Equal(("actor \"é\" \U0001F600", "purpose \\ x", "corr\n1"), (stored[i].Actor, stored[i].Purpose, stored[i].CorrelationId));
            Assert.True(AuditChain.HashMatches(stored[i]));
        }

        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task A_large_save_is_recorded_entry_by_entry_in_order(AuditTestHost host)
    {
        // More entries than one shared INSERT carries on SQLite: the chunks must chain on from each other.
        var before = (await host.HeadAsync()).Sequence;
        var customers = Enumerable.Range(0, 1100).Select(_ => NewCustomer()).ToList();
        using (host.AuditContext.Begin("bulk", "import", "corr-bulk"))
        {
            await using var db = host.NewContext();
            db.AddRange(customers);
            await db.SaveChangesAsync();
        }

        var rows = (await host.RowsAsync()).Where(r => r.Sequence > before).ToList();
        Assert.Equal(Enumerable.Range(1, 1100).Select(i => before + i), rows.Select(r => r.Sequence));
        Assert.Equal(customers.Select(c => c.Id.ToString("D")).Order(StringComparer.Ordinal), rows.Select(r => r.SubjectId!).Order(StringComparer.Ordinal));
        Assert.All(rows.Skip(1).Zip(rows), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        var subject = customers[1050].Id;
        var entry = Assert.Single((await host.Store.QueryAsync(new AuditQuery { SubjectId = subject })).Entries);
        Assert.Equal(("bulk", "import", "corr-bulk", subject.ToString("D")), (entry.Actor, entry.Purpose, entry.CorrelationId, entry.EntityKey));
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task Concurrent_appends_from_separate_connections_form_one_linear_chain(AuditTestHost host, int writers, int savesPerWriter)
    {
        var before = (await host.HeadAsync()).Sequence;
        using var start = new SemaphoreSlim(0, writers);
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await start.WaitAsync();
            for (var i = 0; i < savesPerWriter; i++)
            {
                await using var db = host.NewContext();
                using (host.AuditContext.Begin("writer-" + w))
                {
                    db.AddRange(NewCustomer(), NewCustomer());
                    await db.SaveChangesAsync();
                }
            }
        })).ToList();
        start.Release(writers);
        await Task.WhenAll(tasks);

        var rows = (await host.RowsAsync()).Where(r => r.Sequence > before).ToList();
        Assert.Equal(writers * savesPerWriter * 2, rows.Count);
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => before + i), rows.Select(r => r.Sequence));
        Assert.Equal(writers, rows.Select(r => r.Actor).Distinct().Count());
        Assert.Equal(rows[^1].Sequence, (await host.HeadAsync()).Sequence);
        Assert.All(rows, r => Assert.Null(r.Changes));
        var report = await host.Verifier.VerifyAsync();
        Assert.True(report.IsIntact, report.ToString());
    }

    public static async Task Tampering_with_a_stored_entry_is_reported_at_its_sequence(AuditTestHost host)
    {
        await using (var db = host.NewContext())
        {
            for (var i = 0; i < 3; i++)
            {
                db.Add(NewCustomer());
                await db.SaveChangesAsync();
            }
        }

        var target = (await host.RowsAsync())[^2].Sequence;
        await using (var db = host.NewContext())
        {
            await db.Set<DataGuard.EFCore.Audit.AuditEntryRecord>().Where(e => e.Sequence == target).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor,
                "someone-else"));
        }

        var report = await host.Verifier.VerifyAsync();
        Assert.Equal(target, report.FirstBrokenSequence);
    }

    internal static async Task<int> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
