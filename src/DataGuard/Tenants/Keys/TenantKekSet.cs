using DataGuard.Keys;

namespace DataGuard.Tenants.Keys;

/// <summary>A tenant's unwrapped key-encryption keys by id, and the one new keys are wrapped with (the newest active).</summary>
internal sealed record TenantKekSet(IReadOnlyDictionary<int, KeyEntry> ById, KeyEntry Current) : IDisposable
{
    /// <summary>Zeroes the keys (they were evicted or shredded and no operation holds them any more).</summary>
    public void Dispose()
    {
        foreach (var key in ById.Values)
        {
            key.Dispose();
        }
    }
}
