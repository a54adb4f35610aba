using System.Data.Common;
using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.EntityFrameworkCore.Audit;
using DataGuard.Masking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>The stories both databases must pass; SQLite and PostgreSQL test classes call them.</summary>
internal static class AuditScenarios
{
    public const string Email = "ana.secret@example.com";
    public const string Name = "Ana Secreta Silva";
    public const string Card = "4111 2222 3333 4444";
    public const string Address = "Rua Secreta 12, Lisboa";

    public static Customer NewCustomer(Guid? id = null) => new() { Id = id ?? Guid.NewGuid(), Email = Email, Name = Name, CardNumber = Card, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };

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
        Assert.All(rows, r => Assert.Equal(("agent-7", "order-fulfilment", "corr-42", customer.Id.ToString("D")), (r.Actor, r.Purpose, r.CorrelationId, r.SubjectId)));

        var inserts = rows.Take(2).OrderBy(r => r.EntityType).ToList();
        Assert.Equal(("Customer", AuditActions.EntityInserted, customer.Id.ToString("D"), "CardNumber,Email,Name"), (inserts[0].EntityType, inserts[0].Action, inserts[0].EntityKey, inserts[0].Properties));
        Assert.Equal(("Order", AuditActions.EntityInserted, order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "ShippingAddress"), (inserts[1].EntityType, inserts[1].Action, inserts[1].EntityKey, inserts[1].Properties));
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
                await host.Trail.RecordAsync(new AuditEvent("app." + text) { EntityType = text, EntityKey = text, Properties = [text.Replace(',', ';'), "B"], Details = text });
            }
        }

        // And all in one append of entries with different actions, types and properties (one statement on SQLite).
        var now = AuditChain.Truncate(host.Time.GetUtcNow());
        // (Valid UTF-16 only: a chunk with a lone surrogate goes row by row, as the single events above did.)
        string[] valid = [.. texts.Where(t => !t.Contains('\uD800', StringComparison.Ordinal))];
        var batch = valid.Select(text => new AuditRecord(now, "app." + text, "actor \"é\" \U0001F600", null, text, text, [text.Replace(',', ';'), "B"], "purpose \\ x", "corr\n1", text)).ToList();
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
                await host.Trail.RecordAsync(new AuditEvent("app.exported") { Details = commit ? "committed" : "rolled back" }).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
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
        var ex = await Assert.ThrowsAsync<DataGuardAuditException>(() => host.Trail.RecordAsync(new AuditEvent("app.exported")).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("IAuditContext.Begin(...)", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<DbException>(ex.InnerException as DbException ?? ex.InnerException?.InnerException);
        await transaction.CommitAsync();
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);
    }

    public static async Task Masked_old_and_new_values_are_recorded_on_the_chain_and_never_in_clear(AuditTestHost host)
    {
        var before = (await host.HeadAsync()).Sequence;
        var customer = NewCustomer();
        await using (var db = host.NewContext())
        {
            db.Add(customer);
            await db.SaveChangesAsync();
            customer.Email = "changed." + Email;
            customer.Name = "Ana Renamed Silva";
            customer.CreatedAt = customer.CreatedAt.AddDays(1);
            await db.SaveChangesAsync();
        }

        // The column holds ciphertext (encryption is on for [Personal] by default), not the address.
        string storedEmail;
        await using (var db = host.NewContext())
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Email\" FROM \"Customers\" WHERE \"Id\" = " + (host.IsPostgres ? $"'{customer.Id}'" : $"'{customer.Id.ToString().ToUpperInvariant()}'");
            var stored = await command.ExecuteScalarAsync();
            Assert.NotNull(stored);
            var text = stored is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(stored, System.Globalization.CultureInfo.InvariantCulture)!;
            Assert.DoesNotContain("example.com", text, StringComparison.Ordinal);
            storedEmail = text.Length > 24 ? text[..24] : text;
        }

        // Loaded afresh, so the original values come from the database (decrypted by DataGuard's converters).
        await using (var db = host.NewContext())
        {
            db.Remove(await db.Customers.SingleAsync(c => c.Id == customer.Id));
            await db.SaveChangesAsync();
        }

        var plan = host.Services.GetRequiredService<DataMasker>().GetPlan(typeof(Customer));
        string? Masked(string property, string? value) => DataMasker.MaskObject(value, plan.Properties.Single(p => p.Info.Name == property).Masker!);
        (string, string?, string?) Change(string property, string? old, string? @new) => (property, Masked(property, old), Masked(property, @new));

        var page = await host.Store.QueryAsync(new AuditQuery { SubjectId = SubjectId.From(customer.Id), PageSize = 10 });
        var entries = page.Entries.Where(e => e.Sequence > before).ToList();
        Assert.Equal([AuditActions.EntityInserted, AuditActions.EntityUpdated, AuditActions.EntityDeleted], entries.Select(e => e.Action));
        List<(string, string?, string?)> Changes(AuditEntry e) => e.Changes!.Select(c => (c.Property, c.OldValue, c.NewValue)).ToList();
        Assert.Equal([Change("CardNumber", null, Card), Change("Email", null, Email), Change("Name", null, Name)], Changes(entries[0]));
        Assert.Equal([Change("Email", Email, "changed." + Email), Change("Name", Name, "Ana Renamed Silva")], Changes(entries[1]));
        Assert.Equal([Change("CardNumber", Card, null), Change("Email", "changed." + Email, null), Change("Name", "Ana Renamed Silva", null)], Changes(entries[2]));
        Assert.Equal("**** **** **** 4444", entries[0].Changes![0].NewValue);
        Assert.True((await host.Verifier.VerifyAsync()).IsIntact);

        // The masks keep the last four card digits by design; everything else must be absent from every cell, and
        // the masked values were made from the decrypted values, not from the ciphertext the column holds.
        await AssertNoSecretInAuditTable(host, [Email, "ana.secret", Name, "Secreta", "Renamed", Card, "4111 2222", "2222 3333", Address]);
        await AssertNoSecretInAuditTable(host, [storedEmail]);

        // The masked values are covered by the chain: editing them, even into other masked text, is detected.
        var target = entries[1].Sequence;
        await using (var db = host.NewContext())
        {
            var stored = await db.Set<AuditEntryRecord>().Where(e => e.Sequence == target).Select(e => e.Changes).SingleAsync();
            var edited = stored!.Replace(entries[1].Changes![0].NewValue!, entries[1].Changes![0].OldValue!, StringComparison.Ordinal);
            Assert.NotEqual(stored, edited);
            await db.Set<AuditEntryRecord>().Where(e => e.Sequence == target).ExecuteUpdateAsync(s => s.SetProperty(e => e.Changes, edited));
        }

        Assert.Equal(target, (await host.Verifier.VerifyAsync()).FirstBrokenSequence);

        // Damaged text is reported as a break at its entry, not thrown from the verifier.
        await using (var db = host.NewContext())
        {
            await db.Set<AuditEntryRecord>().Where(e => e.Sequence == target).ExecuteUpdateAsync(s => s.SetProperty(e => e.Changes, "[[\"Email\""));
        }

        var report = await host.Verifier.VerifyAsync();
        Assert.Equal(target, report.FirstBrokenSequence);
        Assert.Contains("damaged", report.Problem, StringComparison.Ordinal);
    }

    public static async Task No_plaintext_personal_value_reaches_the_audit_table(AuditTestHost host)
    {
        await using (var db = host.NewContext())
        {
            var customer = NewCustomer();
            db.AddRange(customer, new Order { CustomerId = customer.Id, ShippingAddress = Address });
            await db.SaveChangesAsync();
            customer.Email = "changed." + Email;
            customer.CardNumber = null;
            await db.SaveChangesAsync();
            db.Remove(customer);
            await db.SaveChangesAsync();
        }

        await AssertNoSecretInAuditTable(host, [Email, "ana.secret", Name, "Secreta", Card, "4444", Address]);
    }

    /// <summary>Reads every cell of the audit table, whatever its type, and looks for each secret in it.</summary>
    private static async Task AssertNoSecretInAuditTable(AuditTestHost host, string[] secrets)
    {
        await using var db = host.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"DataGuardAuditEntries\"";
        await using var reader = await command.ExecuteReaderAsync();
        var cells = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var text = reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
                }

                cells++;
            }
        }

        Assert.True(cells >= 14 * 3, $"scanned only {cells} cells");
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
            await db.Set<DataGuard.EntityFrameworkCore.Audit.AuditEntryRecord>().Where(e => e.Sequence == target).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "someone-else"));
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
