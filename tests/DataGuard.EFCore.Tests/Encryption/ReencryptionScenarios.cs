using DataGuard.Audit;
using DataGuard.EFCore.Retention;
using DataGuard.EFCore.Tests.Keys;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Encryption;

/// <summary>The re-encryption job beside a live application, on any provider.</summary>
internal static class ReencryptionScenarios
{
    public static async Task Reencryption_never_reverts_a_concurrent_application_write(LedgerDatabase database)
    {
        const int rows = 1_500;
        await using var host = await database.HostAsync(o => o.Encryption.ReencryptionBatchSize = 50);
        await host.WithContextAsync(async db =>
        {
            db.Memos.AddRange(Enumerable.Range(1, rows).Select(static i => new Memo { Id = i, Text = $"memo {i}", IsDeleted = i % 10 == 0 }));
            await db.SaveChangesAsync();
        });
        var oldKey = await host.ActiveKeyIdAsync();
        var newKey = (await host.Keys.RotateAsync()).Id;
        var oldHeader = FieldFormat.TextHeader(FieldFlags.RingKey, oldKey);

        // The writer changes rows the job is about to read or has just read: the lowest ids still on the old key.
        var last = new Dictionary<int, string>();
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var writer = Task.Run(async () =>
        {
            var random = new Random(20);
            var writes = 0;
            while (!stop.IsCancellationRequested)
            {
                var ids = await host.WithContextAsync(db => db.Database
                    .SqlQueryRaw<int>("SELECT \"Id\" AS \"Value\" FROM \"Memos\" WHERE substr(\"Text\", 1, 11) = {0} ORDER BY \"Id\" LIMIT 60", oldHeader)
                    .ToListAsync());
                if (ids.Count == 0)
                {
                    break;
                }

                var id = ids[random.Next(ids.Count)];
                var text = $"written {++writes}";
                await host.WithContextAsync(async db =>
                {
                    var memo = await db.Memos.IgnoreQueryFilters().SingleAsync(m => m.Id == id);
                    memo.Text = text;
                    await db.SaveChangesAsync();
                });
                last[id] = text;
                started.TrySetResult();
            }

            started.TrySetResult();
            return writes;
        });

        await started.Task;
        var report = await host.Reencryptor.RunAsync();
        await stop.CancelAsync();
        var written = await writer;

        Assert.True(written > 0);
        var memos = await host.WithContextAsync(db => db.Memos.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Text));
        var reverted = last.Count(w => memos[w.Key] != w.Value);
        Assert.True(reverted == 0, $"{reverted} of {last.Count} rows the application wrote during re-encryption were reverted ({written} writes, {report.TotalRows} rows moved)");
        Assert.All(Enumerable.Range(1, rows).Where(i => !last.ContainsKey(i)), i => Assert.Equal($"memo {i}", memos[i]));
        Assert.Equal(rows, await host.CountOnKeyAsync("Memos", "Text", newKey));
    }

    public static async Task Reencryption_skips_and_reports_an_undecryptable_value_and_moves_the_rest(LedgerDatabase database)
    {
        await using var host = await database.HostAsync();
        await host.WithContextAsync(async db =>
        {
            db.Memos.AddRange(Enumerable.Range(1, 10).Select(static i => new Memo { Id = i, Text = $"memo {i}" }));
            await db.SaveChangesAsync();
        });
        var oldKey = await host.ActiveKeyIdAsync();
        await host.WithContextAsync(async db =>
        {
            var stored = await db.Database.SqlQueryRaw<string>("SELECT \"Text\" AS \"Value\" FROM \"Memos\" WHERE \"Id\" = 4").SingleAsync();
            var damaged = stored[..20] + (stored[20] == 'A' ? 'B' : 'A') + stored[21..];
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Memos\" SET \"Text\" = {0} WHERE \"Id\" = 4", damaged);
        });
        var newKey = (await host.Keys.RotateAsync()).Id;

        var report = await host.Reencryptor.RunAsync();

        Assert.Equal(9, report.RowsByEntity["Memo"]);
        Assert.Equal(1, report.SkippedCount);
        var skipped = Assert.Single(report.SkippedValues);
        Assert.Equal(("Memo", "Text", (int?)oldKey, "4"), (skipped.Entity, skipped.Property, skipped.KeyId, skipped.RowKey));
        Assert.DoesNotContain("memo", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(9, await host.CountOnKeyAsync("Memos", "Text", newKey));
        Assert.Contains(host.Audit.Events, e => e.Action == DataGuard.Audit.AuditActions.DataReencrypted && e.Details!.Contains("1 values could not be decrypted", StringComparison.Ordinal));
    }

    public static async Task Reencryption_gives_anonymised_rows_no_blind_index(LedgerDatabase database)
    {
        await using var host = await database.HostAsync();
        Guid kept = Guid.NewGuid(), anonymised = Guid.NewGuid();
        await host.AddAsync(new Contact { Id = kept, Email = "kept@example.com" }, new Contact { Id = anonymised, Email = "gone@example.com", Nickname = "gone" });

        // What retention and erasure write when they anonymise (EntityAnonymizer): the required column empty, the
        // optional one null, the blind index null.
        await host.WithContextAsync(db => db.Contacts.Where(c => c.Id == anonymised).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Email, "")
            .SetProperty(c => c.Nickname, (string?)null)
            .SetProperty(c => EF.Property<byte[]?>(c, "EmailBlindIndex"), (byte[]?)null)));
        var newKey = (await host.Keys.RotateAsync()).Id;

        var report = await host.Reencryptor.RunAsync();

        Assert.Equal(2, report.RowsByEntity["Contact"]);
        Assert.Equal(2, await host.CountOnKeyAsync("Contacts", "Email", newKey));
        await host.WithContextAsync(async db =>
        {
            Assert.Empty(await db.Contacts.WhereEncrypted(c => c.Email, "").Select(c => c.Id).ToListAsync());
            Assert.Equal([kept], await db.Contacts.WhereEncrypted(c => c.Email, "kept@example.com").Select(c => c.Id).ToListAsync());
            Assert.Equal("", (await db.Contacts.SingleAsync(c => c.Id == anonymised)).Email);
        });
    }

    public static async Task Reencryption_moves_rows_hidden_by_a_global_query_filter(LedgerDatabase database)
    {
        await using var host = await database.HostAsync();
        await host.WithContextAsync(async db =>
        {
            db.Memos.AddRange(Enumerable.Range(1, 20).Select(static i => new Memo { Id = i, Text = $"memo {i}", IsDeleted = i % 2 == 0 }));
            await db.SaveChangesAsync();
        });
        var oldKey = await host.ActiveKeyIdAsync();
        var newKey = (await host.Keys.RotateAsync()).Id;

        var report = await host.Reencryptor.RunAsync();

        Assert.Equal(20, report.RowsByEntity["Memo"]);
        Assert.Equal(20, await host.CountOnKeyAsync("Memos", "Text", newKey));
        Assert.Equal(0, await host.CountOnKeyAsync("Memos", "Text", oldKey));
        var texts = await host.WithContextAsync(db => db.Memos.IgnoreQueryFilters().OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 20).Select(static i => $"memo {i}"), texts);
    }

    public static async Task Reencryption_moves_ring_key_values_in_subject_key_columns(LedgerDatabase database)
    {
        // Rows written before subject keys were turned on, and a row without a subject.
        var early = Guid.NewGuid();
        await using (var before = await database.HostAsync())
        {
            await before.AddAsync(new Contact { Id = early, Email = "early@example.com" }, new Message { Id = 1, ContactId = early, Body = "early body" });
        }

        await using var host = await database.HostAsync(static o => { o.Encryption.SubjectKeys = true; o.Encryption.ReadRingKeyValuesInSubjectRows = true; });
        var late = Guid.NewGuid();
        await host.AddAsync(new Contact { Id = late, Email = "late@example.com" }, new Message { Id = 2, ContactId = late, Body = "late body" }, new Message { Id = 3, ContactId = null, Body = "nobody's body" });
        var oldKey = await host.ActiveKeyIdAsync();
        var newKey = (await host.Keys.RotateAsync()).Id;

        var report = await host.Reencryptor.RunAsync();

        Assert.Equal(1, report.RowsByEntity["Contact"]);
        Assert.Equal(2, report.RowsByEntity["Message"]);
        Assert.Equal(0, await host.CountOnKeyAsync("Contacts", "Email", oldKey) + await host.CountOnKeyAsync("Messages", "Body", oldKey));
        Assert.Equal(1, await host.CountOnKeyAsync("Contacts", "Email", newKey));
        Assert.Equal(2, await host.CountOnKeyAsync("Messages", "Body", newKey));
        await host.WithContextAsync(async db =>
        {
            Assert.Equal(["early body", "late body", "nobody's body"], (await db.Messages.OrderBy(m => m.Id).ToListAsync()).Select(m => m.Body));
            Assert.Equal("early@example.com", (await db.Contacts.SingleAsync(c => c.Id == early)).Email);
            Assert.Equal("late@example.com", (await db.Contacts.SingleAsync(c => c.Id == late)).Email);
        });
    }
}
