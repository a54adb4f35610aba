using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>The nonce budget (Encryption.NonceBudget) counted in the key table, shared by instances on one database.</summary>
internal static class NonceBudgetScenarios
{
    private static async Task<Dictionary<int, int>> MemosPerKeyAsync(LedgerHost host)
    {
        var stored = await host.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Text\" AS \"Value\" FROM \"Memos\"").ToListAsync());
        return stored.Select(static s => FieldFormat.TryReadTextHeader(s, out _, out _, out var keyId) ? keyId : -1)
            .GroupBy(static k => k).ToDictionary(static g => g.Key, static g => g.Count());
    }

    private static IEncryptionCountStore Counts(LedgerHost host) => (IEncryptionCountStore)host.Services.GetRequiredService<IKeyStore>();

    public static async Task No_key_encrypts_more_than_the_budget_across_two_instances(LedgerDatabase database)
    {
        const long budget = 48; // blocks of 3
        await using var first = await database.HostAsync(static o => o.Encryption.NonceBudget = budget);
        await using var second = await database.HostAsync(static o => o.Encryption.NonceBudget = budget);

        // 120 values, one or two per save, from both instances at once: each instance reserves blocks, runs out, and one
        // of them rotates each time the shared count reaches the budget.
        async Task WriteAsync(LedgerHost host, int offset)
        {
            for (var i = 0; i < 60; i += 2)
            {
                await host.AddAsync(new Memo { Id = offset + i, Text = $"memo {offset + i}" },
                    new Memo { Id = offset + i + 1, Text = $"memo {offset + i + 1}" });
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(first, 1_000)), Task.Run(() => WriteAsync(second, 2_000)));

        var perKey = await MemosPerKeyAsync(first);
        Assert.Equal(120, perKey.Values.Sum());
        Assert.True(perKey.Count >= 3, $"{perKey.Count} keys for 120 values under a budget of {budget}");
        foreach (var (keyId, values) in perKey)
        {
            var reserved = await Counts(first).GetReservedEncryptionsAsync(keyId, CancellationToken.None);
            Assert.InRange(values, 1, budget);
            Assert.InRange(reserved, values, budget); // every encryption was counted, and the count stays within the budget
        }

        var texts = await second.WithContextAsync(db => db.Memos.OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
        Assert.Equal(Enumerable.Range(1_000, 60).Concat(Enumerable.Range(2_000, 60)).Select(static i => $"memo {i}"), texts);
    }

    public static async Task Crossing_the_budget_rotates_and_audits_the_rotation(LedgerDatabase database)
    {
        await using var host = await database.HostAsync(static o => o.Encryption.NonceBudget = 32); // blocks of 2
        await host.AddAsync(new Memo { Id = 1, Text = "memo 1" });
        var firstKey = await host.ActiveKeyIdAsync();

        for (var i = 2; i <= 40; i++)
        {
            await host.AddAsync(new Memo { Id = i, Text = $"memo {i}" });
        }

        var perKey = await MemosPerKeyAsync(host);
        Assert.Equal(32, perKey[firstKey]);
        var secondKey = await host.ActiveKeyIdAsync();
        Assert.Equal(8, perKey[secondKey]);
        Assert.Equal(DataKeyStatus.DecryptOnly, (await host.Keys.ListAsync()).Single(k => k.Id == firstKey).Status);
        var rotation = Assert.Single(host.Audit.Events, static e => e.Action == AuditActions.KeyRotated);
        Assert.Equal($"key {secondKey} is the active data key: key {firstKey} reached its nonce budget of 32 encryptions", rotation.Details);
        Assert.Equal(32, await Counts(host).GetReservedEncryptionsAsync(firstKey, CancellationToken.None));
    }

    public static async Task A_crash_loses_at_most_a_block_and_never_hands_out_a_count_twice(LedgerDatabase database)
    {
        const long budget = 1_600; // blocks of 100
        int keyId;
        await using (var crashed = await database.HostAsync(static o => o.Encryption.NonceBudget = budget))
        {
            await crashed.AddAsync(new Memo { Id = 1, Text = "memo 1" }, new Memo { Id = 2, Text = "memo 2" });
            keyId = await crashed.ActiveKeyIdAsync();
            Assert.Equal(100, await Counts(crashed).GetReservedEncryptionsAsync(keyId, CancellationToken.None));
        }

        // The process ends without giving back its 98 unused encryptions: they are lost, never reused.
        await using var restarted = await database.HostAsync(static o => o.Encryption.NonceBudget = budget);
        await restarted.AddAsync(new Memo { Id = 3, Text = "memo 3" });

        Assert.Equal(keyId, await restarted.ActiveKeyIdAsync());
        Assert.Equal(200, await Counts(restarted).GetReservedEncryptionsAsync(keyId, CancellationToken.None));
    }

    public static async Task A_save_larger_than_a_block_reserves_for_its_values_before_its_transaction(LedgerDatabase database)
    {
        await using var host = await database.HostAsync(static o => o.Encryption.NonceBudget = 64); // blocks of 4

        // One save of 30 values: the block reserved before the save runs out inside it.
        await host.AddAsync([.. Enumerable.Range(1, 30).Select(static i => new Memo { Id = i, Text = $"memo {i}" })]);

        var perKey = await MemosPerKeyAsync(host);
        var keyId = Assert.Single(perKey.Keys);
        var reserved = await Counts(host).GetReservedEncryptionsAsync(keyId, CancellationToken.None);
        Assert.InRange(reserved, 30, 64);
        var texts = await host.WithContextAsync(db => db.Memos.OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 30).Select(static i => $"memo {i}"), texts);
    }
}
