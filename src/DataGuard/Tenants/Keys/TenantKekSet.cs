using DataGuard.Keys;

namespace DataGuard.Tenants.Keys;

/// <summary>A tenant's unwrapped key-encryption keys by id, and the one new keys are wrapped with (the newest active).</summary>
internal sealed record TenantKekSet(IReadOnlyDictionary<int, KeyEntry> ById, KeyEntry Current) : IDisposable
{
    /// <summary>When the set was read from the store (<see cref="TimeProvider.GetTimestamp"/>): a set older than
    /// <see cref="Encryption.EncryptionOptions.KeyRefreshInterval"/> is read again before it wraps a new key, so an
    /// instance stops wrapping under a key-encryption key another instance rotated away within that interval.</summary>
    public long LoadedAt { get; init; }

    /// <summary>Zeroes the keys (they were evicted or shredded and no operation holds them any more).</summary>
    public void Dispose()
    {
        foreach (var key in ById.Values)
        {
            key.Dispose();
        }
    }
}
