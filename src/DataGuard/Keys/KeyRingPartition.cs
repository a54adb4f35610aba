using DataGuard.Audit;
using DataGuard.Encryption;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Keys;

/// <summary>
/// The unwrapped keys of one tenant (or of the platform) in this instance; <see cref="KeyRing"/> routes to the current
/// tenant's. Encryption and decryption run synchronously inside EF Core's value converters, so the ring serves them from
/// memory; it loads from the <see cref="IKeyStore"/> before SaveChanges (asynchronously) and, for a key id it has not seen
/// (another instance rotated), once synchronously on the read path. Loading and caching live in
/// <see cref="KeyRingCache"/>, key creation in <see cref="KeyRingRotation"/>, and the nonce budget's usage counting in
/// <see cref="NonceReservations"/>.
/// </summary>
internal sealed class KeyRingPartition : IDisposable
{
    private readonly KeyRingCache _cache;
    private readonly KeyRingRotation _rotation;
    private readonly NonceReservations _reservations;

    public KeyRingPartition(KeyRingContext context, Func<IAuditTrail>? audit)
    {
        Context = context;
        _cache = new KeyRingCache(Context);
        _rotation = new KeyRingRotation(Context, _cache);
        _reservations = new NonceReservations(Context, _cache, _rotation, audit);
    }

    /// <summary>The store, key-encryption key, clock and options the ring works with (the key manager shares them).</summary>
    public KeyRingContext Context { get; }

    /// <summary>Whether the ring has been loaded from the store at least once.</summary>
    public bool IsLoaded => _cache.Current is not null;

    /// <summary>The key new values are encrypted with.</summary>
    /// <exception cref="DataGuardCryptoException">The ring holds no active key.</exception>
    public KeyEntry ActiveKey => _cache.GetOrLoad().Active
        ?? throw new DataGuardCryptoException($"DataGuard's key ring{TenantSuffix} has no active data key; it is created on the first SaveChanges, or by " +
            "IKeyManager.RotateAsync().");

    /// <summary>The key blind-index keys are derived from.</summary>
    public KeyEntry BlindIndexKey => _cache.GetOrLoad().BlindIndex
        ?? throw new DataGuardCryptoException($"DataGuard's key ring{TenantSuffix} has no blind-index key; it is created on the first SaveChanges.");

    /// <summary>
    /// The key the next value is encrypted with, one encryption taken from its nonce budget
    /// (<see cref="EncryptionOptions.NonceBudget"/>). Blocks are reserved before SaveChanges and transactions
    /// (<see cref="EnsureReadyAsync(long, CancellationToken)"/>); when a block runs out here, the next one is reserved (or the key rotated)
    /// synchronously.
    /// </summary>
    /// <exception cref="DataGuardCryptoException">The ring holds no active key, or the key store cannot count.</exception>
    public KeyEntry TakeKeyForEncryption()
    {
        if (!_reservations.IsCounted)
        {
            return ActiveKey;
        }

        while (true)
        {
            var key = ActiveKey;
            if (key.TryTakeEncryption())
            {
                return key;
            }

            _reservations.ReplenishSync(key);
        }
    }

    /// <summary>Finds a key by id for decryption, reloading once if this instance has not seen it yet.</summary>
    public KeyEntry? Find(int keyId) => _cache.Find(keyId);

    /// <summary>Loads the ring when it is missing or stale and creates the first data and blind-index keys.</summary>
    public ValueTask EnsureReadyAsync(CancellationToken cancellationToken) => EnsureReadyAsync(0, cancellationToken);

    /// <summary>Loads the ring when it is missing or stale, creates the first keys, and reserves encryptions for the
    /// active key: at least half a block, and at least <paramref name="encryptions"/> (what a save is about to encrypt),
    /// so that the values it encrypts inside its transaction need no key-store write.</summary>
    public async ValueTask EnsureReadyAsync(long encryptions, CancellationToken cancellationToken)
    {
        if (KeyRingCache.IsInsideRing)
        {
            return;
        }

        _reservations.WarnIfUncounted();
        if (IsReady(encryptions))
        {
            return;
        }

        BudgetRotation? rotated;
        await _cache.WaitAsync(cancellationToken).ConfigureAwait(false);
        using (_cache.Enter())
        {
            // Checked again under the lock: a caller that waited for it finds the ring another one just loaded.
            if (!_cache.IsFresh(_cache.Current))
            {
                await _rotation.LoadAsync(cancellationToken).ConfigureAwait(false);
            }

            rotated = await _reservations.ReserveAsync(encryptions, cancellationToken).ConfigureAwait(false);
        }

        if (rotated is not null)
        {
            await _reservations.AuditAsync(rotated, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates a new active data key and makes the previous ones decrypt-only.</summary>
    public async Task<DataKeyRecord> RotateAsync(CancellationToken cancellationToken)
    {
        await _cache.WaitAsync(cancellationToken).ConfigureAwait(false);
        using (_cache.Enter())
        {
            return await _rotation.RotateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reloads after a change made directly in the store.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _cache.WaitAsync(cancellationToken).ConfigureAwait(false);
        using (_cache.Enter())
        {
            _cache.Publish(await _cache.ReadAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Forgets the unwrapped keys (the tenant's key was shredded); in-flight operations keep theirs.</summary>
    public void Dispose() => _cache.Dispose();

    private string TenantSuffix => Context.Tenant is null ? "" : $" of tenant '{Context.Tenant}'";

    private bool IsReady(long encryptions)
    {
        var snapshot = _cache.Current;
        return _cache.IsFresh(snapshot) && !_reservations.NeedsReservation(snapshot.Active!, encryptions);
    }
}
