using DataGuard.Audit;
using DataGuard.Encryption;
using DataGuard.Tenants.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Keys;

/// <summary>
/// The unwrapped keys of this instance, one <see cref="KeyRingPartition"/> per tenant: the platform's ring when no tenant
/// scope is open (<see cref="Tenants.ITenantContext.Current"/> is <see langword="null"/>, exactly as before tenants), and
/// the current tenant's ring otherwise, whose keys are that tenant's alone and wrapped by its key-encryption key
/// (<see cref="TenantKeyEncryptionKeys"/>). Nothing is shared between partitions, so two tenants never see each other's
/// keys, also when each tenant's keys live in a database of its own and key ids repeat. This class is the lookup the
/// codecs call.
/// </summary>
internal sealed class KeyRing : IDisposable
{
    private readonly KeyRingPartition _platform;
    private readonly TenantKeyEncryptionKeys? _tenantKeys;
    private readonly TenantKeyCache<KeyRingPartition> _tenants;
    private readonly Func<string, KeyRing, KeyRingPartition> _create;

    public KeyRing(
        IKeyStore store,
        IKeyWrapper wrapper,
        TimeProvider time,
        IOptionsMonitor<DataGuardOptions> options,
        ILogger<KeyRing> logger,
        Func<IAuditTrail>? audit = null)
        : this(new KeyRingContext(store, wrapper, time, options, logger), audit, tenantKeys: null)
    {
    }

    public KeyRing(KeyRingContext platform, Func<IAuditTrail>? audit, TenantKeyEncryptionKeys? tenantKeys)
    {
        _platform = new KeyRingPartition(platform, audit);
        _tenantKeys = tenantKeys;
        _tenants = new(() => platform.Settings.TenantKeyCacheSize, platform.Time, static ring => ring.Dispose());
        _create = (tenant, self) => new KeyRingPartition(platform with { Wrapper = self._tenantKeys!.For(tenant), Tenant = tenant }, audit);
        _tenantKeys?.OnShredded(Forget);
    }

    /// <summary>The largest block of encryptions an instance reserves at once (<see cref="NonceReservations"/>).</summary>
    internal const long MaxReservationBlock = NonceReservations.MaxReservationBlock;

    /// <summary>The ring of the current tenant (at most <see cref="EncryptionOptions.TenantKeyCacheSize"/> tenants' rings are
    /// kept; the least recently used is evicted), or the platform's.</summary>
    public KeyRingPartition Current => _tenantKeys?.CurrentTenant is { } tenant ? _tenants.GetOrAdd(tenant, _create, this) : _platform;

    /// <summary>The current tenant, <see langword="null"/> for platform-level work.</summary>
    public string? Tenant => _tenantKeys?.CurrentTenant;

    /// <summary>The store, key-encryption key, clock and options of the current ring (the key manager shares them).</summary>
    public KeyRingContext Context => Current.Context;

    /// <summary>Whether the current ring has been loaded from the store at least once.</summary>
    public bool IsLoaded => Current.IsLoaded;

    /// <summary>The key new values are encrypted with.</summary>
    public KeyEntry ActiveKey => Current.ActiveKey;

    /// <summary>The key blind-index keys are derived from.</summary>
    public KeyEntry BlindIndexKey => Current.BlindIndexKey;

    /// <summary>How many encryptions one reservation takes (<see cref="NonceReservations.ReservationBlock"/>).</summary>
    internal static long ReservationBlock(long budget) => NonceReservations.ReservationBlock(budget);

    /// <inheritdoc cref="KeyRingPartition.TakeKeyForEncryption"/>
    public KeyEntry TakeKeyForEncryption() => Current.TakeKeyForEncryption();

    /// <inheritdoc cref="KeyRingPartition.Find"/>
    public KeyEntry? Find(int keyId) => Current.Find(keyId);

    /// <inheritdoc cref="KeyRingPartition.EnsureReadyAsync(CancellationToken)"/>
    public ValueTask EnsureReadyAsync(CancellationToken cancellationToken) => Current.EnsureReadyAsync(0, cancellationToken);

    /// <inheritdoc cref="KeyRingPartition.EnsureReadyAsync(long, CancellationToken)"/>
    public ValueTask EnsureReadyAsync(long encryptions, CancellationToken cancellationToken) => Current.EnsureReadyAsync(encryptions, cancellationToken);

    /// <inheritdoc cref="KeyRingPartition.RotateAsync"/>
    public Task<DataKeyRecord> RotateAsync(CancellationToken cancellationToken) => Current.RotateAsync(cancellationToken);

    /// <inheritdoc cref="KeyRingPartition.ReloadAsync"/>
    public Task ReloadAsync(CancellationToken cancellationToken) => Current.ReloadAsync(cancellationToken);

    public void Dispose()
    {
        _platform.Dispose();
        _tenants.Dispose();
    }

    /// <summary>Drops a tenant's ring (its key-encryption key was shredded): its keys are zeroed here and never loaded
    /// again, because they no longer unwrap.</summary>
    private void Forget(string tenant)
    {
        if (_tenants.TryRemove(tenant, out var ring))
        {
            ring.Dispose();
        }
    }
}
