using System.Collections.Concurrent;
using DataGuard.Audit;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Keys;

/// <summary>The nonce budget (Encryption.NonceBudget) with the in-memory store: several rings sharing one store, as
/// instances share a database.</summary>
public sealed class NonceBudgetTests
{
    private sealed class Instance : IDisposable
    {
        public Instance(InMemoryKeyStore store, IDataProtectionProvider dataProtection, long budget)
        {
            var services = new ServiceCollection();
            services.AddDataGuard(o => o.Encryption.NonceBudget = budget);
            services.AddSingleton<IKeyStore>(store);
            services.AddSingleton(dataProtection);
            services.AddSingleton<IAuditTrail>(Audit);
            Services = services.BuildServiceProvider();
            Encryptor = Services.GetRequiredService<FieldEncryptor>();
        }

        public ServiceProvider Services { get; }

        public FieldEncryptor Encryptor { get; }

        public RecordingAudit Audit { get; } = new();

        public void Dispose() => Services.Dispose();
    }

    internal sealed class RecordingAudit : IAuditTrail
    {
        public ConcurrentQueue<AuditEvent> Events { get; } = new();

        public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            Events.Enqueue(auditEvent);
            return ValueTask.CompletedTask;
        }
    }

    private static Dictionary<int, int> ValuesPerKey(IEnumerable<string> stored)
        => stored.Select(static s => FieldFormat.TryReadTextHeader(s, out _, out _, out var keyId) ? keyId : -1)
            .GroupBy(static k => k).ToDictionary(static g => g.Key, static g => g.Count());

    [Fact]
    public async Task No_key_encrypts_more_than_the_budget_across_instances_sharing_a_store()
    {
        const long budget = 160;
        var store = new InMemoryKeyStore();
        var dataProtection = new EphemeralDataProtectionProvider();
        using var first = new Instance(store, dataProtection, budget);
        using var second = new Instance(store, dataProtection, budget);
        await first.Encryptor.EnsureReadyAsync(CancellationToken.None);
        await second.Encryptor.EnsureReadyAsync(CancellationToken.None);
        var stored = new ConcurrentBag<string>();

        // 4 threads per instance, 1,000 values in all: both instances run out of blocks and rotate while encrypting.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var column = (t % 2 == 0 ? first : second).Encryptor.Column("Customer", "Email");
            for (var i = 0; i < 125; i++)
            {
                stored.Add(column.EncryptString($"value {t}-{i}"));
            }
        })));

        var perKey = ValuesPerKey(stored);
        Assert.True(perKey.Count >= 1000 / budget, $"only {perKey.Count} keys were used");
        Assert.All(perKey, pair => Assert.InRange(pair.Value, 1, budget));
        var counts = (IEncryptionCountStore)store;
        foreach (var (keyId, values) in perKey)
        {
            var reserved = await counts.GetReservedEncryptionsAsync(keyId, CancellationToken.None);
            Assert.InRange(reserved, values, budget); // every encryption was reserved, and no more than the budget
        }

        var reader = first.Encryptor.Column("Customer", "Email");
        var expected = Enumerable.Range(0, 8).SelectMany(static t => Enumerable.Range(0, 125).Select(i => $"value {t}-{i}")).Order();
        Assert.Equal(expected, stored.Select(reader.DecryptString).Order());
    }

    [Fact]
    public async Task Crossing_the_budget_rotates_to_a_new_key_and_audits_it()
    {
        var store = new InMemoryKeyStore();
        using var instance = new Instance(store, new EphemeralDataProtectionProvider(), budget: 32);
        await instance.Encryptor.EnsureReadyAsync(CancellationToken.None);
        var firstKey = instance.Encryptor.Ring.ActiveKey.Id;
        var column = instance.Encryptor.Column("Customer", "Email");

        var stored = Enumerable.Range(0, 40).Select(i => column.EncryptString($"value {i}")).ToList();

        var perKey = ValuesPerKey(stored);
        Assert.InRange(perKey[firstKey], 1, 32);
        var secondKey = Assert.Single(perKey.Keys, k => k != firstKey);
        Assert.Equal(secondKey, instance.Encryptor.Ring.ActiveKey.Id);
        Assert.Equal(DataKeyStatus.DecryptOnly, (await store.GetAllAsync()).Single(k => k.Id == firstKey).Status);
        var rotation = Assert.Single(instance.Audit.Events, static e => e.Action == AuditActions.KeyRotated);
        Assert.Contains($"key {firstKey} reached its nonce budget of 32 encryptions", rotation.Details, StringComparison.Ordinal);
        Assert.Equal(stored.Select(column.DecryptString), Enumerable.Range(0, 40).Select(static i => $"value {i}"));
    }

    [Fact]
    public async Task A_restarted_instance_reserves_after_the_block_a_crashed_one_held()
    {
        var store = new InMemoryKeyStore();
        var dataProtection = new EphemeralDataProtectionProvider();
        var block = KeyRing.ReservationBlock(EncryptionOptions.DefaultNonceBudget);
        int keyId;
        using (var crashed = new Instance(store, dataProtection, EncryptionOptions.DefaultNonceBudget))
        {
            await crashed.Encryptor.EnsureReadyAsync(CancellationToken.None);
            keyId = crashed.Encryptor.Ring.ActiveKey.Id;
            crashed.Encryptor.Column("Customer", "Email").EncryptString("before the crash");
        }

        var counts = (IEncryptionCountStore)store;
        Assert.Equal(block, await counts.GetReservedEncryptionsAsync(keyId, CancellationToken.None));

        using var restarted = new Instance(store, dataProtection, EncryptionOptions.DefaultNonceBudget);
        await restarted.Encryptor.EnsureReadyAsync(CancellationToken.None);
        restarted.Encryptor.Column("Customer", "Email").EncryptString("after the restart");

        // The crashed instance's unused encryptions are lost, never handed out again: the count only grows.
        Assert.Equal(2 * block, await counts.GetReservedEncryptionsAsync(keyId, CancellationToken.None));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData((1L << 32) + 1)]
    public void A_budget_outside_1_to_2_pow_32_fails_validation(long budget)
    {
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.Encryption.NonceBudget = budget);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataGuardOptions>>().Value);
        Assert.Contains("Encryption.NonceBudget", ex.Message, StringComparison.Ordinal);
    }
}
