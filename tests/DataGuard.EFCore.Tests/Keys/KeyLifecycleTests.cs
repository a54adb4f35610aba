using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Keys;

public sealed class KeyLifecycleTests
{
    private static async Task SeedAsync(LedgerHost host)
    {
        await host.WithContextAsync(async db =>
        {
            db.Memos.AddRange(Enumerable.Range(1, 3).Select(static i => new Memo { Id = i, Text = $"memo {i}", IsDeleted = i == 3 }));
            db.Contacts.AddRange(new Contact { Id = Guid.NewGuid(), Email = "a@example.com" }, new Contact { Id = Guid.NewGuid(), Email = "b@example.com" });
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Retire_refuses_a_key_stored_values_still_use_naming_the_key_and_the_count()
    {
        await using var database = new SqliteLedgerDatabase();
        await using var host = await database.HostAsync();
        await SeedAsync(host);
        var oldKey = await host.ActiveKeyIdAsync();
        await host.Keys.RotateAsync();

        var refused = await Assert.ThrowsAsync<KeyInUseException>(() => host.Keys.RetireAsync(oldKey));

        Assert.Equal((oldKey, 5L), (refused.KeyId, refused.ValueCount));
        Assert.Contains($"Key {oldKey} ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("5 stored values", refused.Message, StringComparison.Ordinal);
        Assert.Equal(DataKeyStatus.DecryptOnly, (await host.Keys.ListAsync()).Single(k => k.Id == oldKey).Status);
        var texts = await host.WithContextAsync(db => db.Memos.IgnoreQueryFilters().OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
        Assert.Equal(["memo 1", "memo 2", "memo 3"], texts);
    }

    [Fact]
    public async Task Retire_refuses_while_ring_key_values_remain_in_subject_key_columns_until_the_job_moves_them()
    {
        await using var database = new SqliteLedgerDatabase();
        var early = Guid.NewGuid();
        await using (var before = await database.HostAsync())
        {
            await before.AddAsync(new Contact { Id = early, Email = "early@example.com" }, new Message { Id = 1, ContactId = null, Body = "nobody's" });
        }

        await using var host = await database.HostAsync(static o => { o.Encryption.SubjectKeys = true; o.Encryption.ReadRingKeyValuesInSubjectRows = true; });
        var oldKey = await host.ActiveKeyIdAsync();
        await host.Keys.RotateAsync();

        var refused = await Assert.ThrowsAsync<KeyInUseException>(() => host.Keys.RetireAsync(oldKey));
        Assert.Equal(2, refused.ValueCount);

        await host.Reencryptor.RunAsync();
        await host.Keys.RetireAsync(oldKey);

        Assert.Equal(DataKeyStatus.Retired, (await host.Keys.ListAsync()).Single(k => k.Id == oldKey).Status);
        Assert.Equal("early@example.com", (await host.WithContextAsync(db => db.Contacts.SingleAsync(c => c.Id == early))).Email);
    }

    [Fact]
    public async Task List_reports_how_many_stored_values_use_each_key()
    {
        await using var database = new SqliteLedgerDatabase();
        await using var host = await database.HostAsync();
        await SeedAsync(host);
        var oldKey = await host.ActiveKeyIdAsync();
        var newKey = (await host.Keys.RotateAsync()).Id;
        await host.AddAsync(new Memo { Id = 4, Text = "memo 4" });

        var before = await host.Keys.ListAsync();
        await host.Reencryptor.RunAsync();
        var after = await host.Keys.ListAsync();

        Assert.Equal((5L, 1L), (before.Single(k => k.Id == oldKey).ValueCount, before.Single(k => k.Id == newKey).ValueCount));
        Assert.Equal(6L, before.Single(k => k.Kind == DataKeyKind.BlindIndex).ValueCount); // 4 memos, 2 contacts
        Assert.Equal((0L, 6L), (after.Single(k => k.Id == oldKey).ValueCount, after.Single(k => k.Id == newKey).ValueCount));
    }

    [Fact]
    public async Task Destroy_removes_only_a_retired_unused_key_after_the_refresh_interval_and_is_audited()
    {
        await using var database = new SqliteLedgerDatabase();
        await using var host = await database.HostAsync();
        await SeedAsync(host);
        var oldKey = await host.ActiveKeyIdAsync();
        await host.Keys.RotateAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Keys.DestroyAsync(oldKey)); // not retired
        await host.Reencryptor.RunAsync();
        await host.Keys.RetireAsync(oldKey);
        Assert.NotNull(await WrappedKeyAsync(host, oldKey)); // retiring keeps the material for restored backups
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Keys.DestroyAsync(oldKey)); // too soon

        host.Clock.Advance(TimeSpan.FromMinutes(6));
        await host.Keys.DestroyAsync(oldKey);

        Assert.Null(await WrappedKeyAsync(host, oldKey));
        Assert.Equal(DataKeyStatus.Destroyed, (await host.Keys.ListAsync()).Single(k => k.Id == oldKey).Status);
        Assert.Contains(host.Audit.Events,
            e => e.Action == DataGuard.Audit.AuditActions.KeyDestroyed && e.Details!.Contains($"key {oldKey} ", StringComparison.Ordinal));
        var texts = await host.WithContextAsync(db => db.Memos.IgnoreQueryFilters().OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
        Assert.Equal(["memo 1", "memo 2", "memo 3"], texts);
    }

    private static Task<byte[]?> WrappedKeyAsync(LedgerHost host, int keyId)
        => host.WithContextAsync(db => db.Set<DataKeyRecord>().Where(k => k.Id == keyId).Select(k => k.WrappedKey).SingleAsync());
}
