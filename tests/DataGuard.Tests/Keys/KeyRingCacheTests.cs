using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Keys;

/// <summary>How often the key ring reads its store: once for concurrent readers of a stale ring, and not on every read
/// of a value whose key id it does not know.</summary>
public sealed class KeyRingCacheTests : IDisposable
{
    private readonly CountingRingHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Concurrent_readers_of_a_stale_ring_reload_it_once()
    {
        await _host.Ring.EnsureReadyAsync(CancellationToken.None);
        _host.Time.Advance(new EncryptionOptions().KeyRefreshInterval + TimeSpan.FromSeconds(1));
        _host.Store.ResetCounts();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Store.LoadGate = gate;

        // The first caller takes the load lock and waits in the store; the others see the stale ring and queue on the lock.
        var readers = Enumerable.Range(0, 8).Select(_ => _host.Ring.EnsureReadyAsync(CancellationToken.None).AsTask()).ToArray();
        gate.SetResult();
        await Task.WhenAll(readers);

        Assert.Equal(1, _host.Store.Loads);
    }

    [Fact]
    public async Task Reads_under_an_unknown_key_id_load_the_store_at_most_once_within_the_retry_interval()
    {
        await _host.Ring.EnsureReadyAsync(CancellationToken.None);
        _host.Store.ResetCounts();

        Parallel.For(0, 32, _ => Assert.Null(_host.Ring.Find(999)));

        Assert.Equal(1, _host.Store.Loads);
        _host.Time.Advance(UnknownKeyIds.RetryInterval);
        Assert.Null(_host.Ring.Find(999));
        Assert.Equal(2, _host.Store.Loads);
    }

    [Fact]
    public async Task A_value_under_an_unknown_key_still_fails_clearly_on_every_read()
    {
        var foreign = await ForeignValueAsync();
        await _host.Ring.EnsureReadyAsync(CancellationToken.None);
        _host.Store.ResetCounts();
        var column = _host.Column();

        for (var i = 0; i < 10; i++)
        {
            var ex = Assert.Throws<DataGuardCryptoException>(() => column.DecryptString(foreign.Value));
            Assert.Equal(foreign.KeyId, ex.KeyId);
            Assert.Contains($"key {foreign.KeyId} is not in the key store", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, _host.Store.Loads);
    }

    [Fact]
    public async Task A_key_created_after_an_unknown_id_was_read_is_found_on_its_first_read()
    {
        await _host.Ring.EnsureReadyAsync(CancellationToken.None);
        Assert.Null(_host.Ring.Find(999));
        var created = await _host.Store.Inner.AddAsync(new DataKeyRecord
        {
            Kind = DataKeyKind.Data,
            Status = DataKeyStatus.DecryptOnly,
            WrappedKey = _host.Services.GetRequiredService<IKeyWrapper>().Wrap(new byte[KeyEntry.KeySize]),
            CreatedAt = _host.Time.GetUtcNow(),
        });

        // Only the id that was missing waits for the retry interval: a key another instance created since is loaded.
        Assert.Equal(created.Id, _host.Ring.Find(created.Id)?.Id);
    }

    /// <summary>A value encrypted by another ring under a key id this ring's store does not have.</summary>
    private static async Task<(string Value, int KeyId)> ForeignValueAsync()
    {
        using var other = new CountingRingHost();
        for (var i = 0; i < 5; i++)
        {
            await other.Store.Inner.AddAsync(new DataKeyRecord { Kind = DataKeyKind.Data, Status = DataKeyStatus.Destroyed,
                CreatedAt = other.Time.GetUtcNow() });
        }

        await other.Ring.EnsureReadyAsync(CancellationToken.None);
        return (other.Column().EncryptString("ana@example.com"), other.Ring.ActiveKey.Id);
    }
}
