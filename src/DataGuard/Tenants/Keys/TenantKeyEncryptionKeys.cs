using System.Security.Cryptography;
using DataGuard.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Tenants.Keys;

/// <summary>
/// The tenants' key-encryption keys: one random 256-bit key per tenant, stored in the key store as a
/// <see cref="DataKeyKind.TenantKey"/> record with the tenant's id, wrapped by the tenant's <see cref="ITenantKeyWrappers"/>
/// wrapper or the platform's <see cref="IKeyWrapper"/>. It is created on the tenant's first key and loaded once per
/// instance, for at most <see cref="Encryption.EncryptionOptions.TenantKeyCacheSize"/> tenants at a time (<see cref="TenantKeyCache{T}"/>);
/// each tenant's <see cref="TenantKeyWrapper"/> wraps that tenant's keys with it. A key-encryption key the
/// wrapper refuses to unwrap, or one that was shredded, makes every read of the tenant fail with
/// <see cref="TenantKeyUnavailableException"/>; no other tenant's (or the platform's) keys are ever used instead.
/// </summary>
internal sealed class TenantKeyEncryptionKeys(
    ITenantContext tenants,
    IKeyStore store,
    IKeyWrapper platform,
    ITenantKeyWrappers wrappers,
    TenantKeySettings settings,
    ILogger<TenantKeyEncryptionKeys> logger) : IDisposable
{
    private readonly TenantKeyCache<TenantKekSet> _keks = new(
        () => settings.Options.CurrentValue.Encryption.TenantKeyCacheSize, settings.Time, static k => k.Dispose());
    private readonly List<Action<string>> _shredded = [];

    /// <summary>The current tenant, <see langword="null"/> for platform-level work.</summary>
    public string? CurrentTenant => tenants.Current;

    public ITenantContext Tenants => tenants;

    public IKeyStore Store => store;

    public TimeProvider Time => settings.Time;

    public IOptionsMonitor<DataGuardOptions> Options => settings.Options;

    /// <summary>The wrapper of <paramref name="tenant"/>'s keys (the key-encryption keys it uses are cached here, shared by
    /// every wrapper of the tenant).</summary>
    public TenantKeyWrapper For(string tenant) => new(tenant, this);

    /// <summary>The tenant's unwrapped key-encryption keys, if this instance holds them.</summary>
    public bool TryGetCached(string tenant, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TenantKekSet keks)
        => _keks.TryGet(tenant, out keks);

    /// <summary>Whether <paramref name="keks"/> was read from the store longer than
    /// <see cref="Encryption.EncryptionOptions.KeyRefreshInterval"/> ago (another instance may have rotated it since).</summary>
    public bool IsStale(TenantKekSet keks)
        => settings.Time.GetElapsedTime(keks.LoadedAt) >= settings.Options.CurrentValue.Encryption.KeyRefreshInterval;

    /// <summary>Keeps the tenant's freshly loaded key-encryption keys (evicting the least recently used tenant's beyond
    /// the bound) and returns them.</summary>
    public TenantKekSet Remember(string tenant, TenantKekSet keks)
    {
        _keks.Set(tenant, keks);
        return keks;
    }

    /// <summary>The wrapper of <paramref name="tenant"/>'s key-encryption key: the tenant's own, or the platform's.</summary>
    public IKeyWrapper OuterWrapperFor(string tenant) => wrappers.GetWrapper(tenant) ?? platform;

    /// <summary>Registers what to forget when a tenant's key-encryption key is shredded (the rings' cached keys).</summary>
    public void OnShredded(Action<string> forget)
    {
        lock (_shredded)
        {
            _shredded.Add(forget);
        }
    }

    /// <summary>Forgets everything this instance holds of <paramref name="tenant"/>'s keys.</summary>
    public void Forget(string tenant)
    {
        if (_keks.TryRemove(tenant, out var keks))
        {
            keks.Dispose();
        }

        Action<string>[] forget;
        lock (_shredded)
        {
            forget = [.. _shredded];
        }

        foreach (var action in forget)
        {
            action(tenant);
        }
    }

    /// <summary>Reads the tenant's key-encryption key records (inside the tenant's scope, so a tenant-aware store returns
    /// only its own).</summary>
    public async Task<IReadOnlyList<DataKeyRecord>> ReadAsync(string tenant, CancellationToken cancellationToken)
    {
        using (tenants.Begin(tenant))
        {
            var records = await store.GetAllAsync(cancellationToken).ConfigureAwait(false);
            return records.Where(r => r.Kind == DataKeyKind.TenantKey && string.Equals(r.TenantId, tenant, StringComparison.Ordinal)).ToList();
        }
    }

    /// <summary>Loads (creating it on first use) and unwraps the tenant's key-encryption keys. Synchronous: keys are
    /// unwrapped inside EF Core's value converters.</summary>
    /// <exception cref="TenantKeyUnavailableException">The tenant's wrapper refuses, or the key was shredded.</exception>
    public TenantKekSet Load(string tenant)
    {
        using (tenants.Begin(tenant))
        {
            var records = ReadAsync(tenant, CancellationToken.None).GetAwaiter().GetResult();
            if (records.Count == 0)
            {
                Create(tenant);
                records = ReadAsync(tenant, CancellationToken.None).GetAwaiter().GetResult();
            }

            return Unwrap(tenant, records);
        }
    }

    /// <summary>Reads and unwraps the tenant's key-encryption keys again and keeps them (after a rotation changed them).</summary>
    public async Task ReloadAsync(string tenant, CancellationToken cancellationToken)
        => Remember(tenant, Unwrap(tenant, await ReadAsync(tenant, cancellationToken).ConfigureAwait(false)));

    private TenantKekSet Unwrap(string tenant, IReadOnlyList<DataKeyRecord> records)
    {
        var usable = records.Where(static r => r.WrappedKey is not null && r.Status is DataKeyStatus.Active or DataKeyStatus.DecryptOnly).ToList();
        if (usable.Count == 0)
        {
            KeysLog.LogTenantKeyUnavailable(logger, tenant, null);
            throw new TenantKeyUnavailableException(tenant, $"Tenant '{tenant}': its key-encryption key was destroyed (tenant key shredding), so none of its " +
                "encrypted values can be read again.");
        }

        var outer = OuterWrapperFor(tenant);
        var byId = new Dictionary<int, KeyEntry>(usable.Count);
        foreach (var record in usable)
        {
            try
            {
                byId[record.Id] = KeyEntry.Unwrap(outer, record);
            }
            catch (Exception ex) when (ex is DataGuardException or CryptographicException && ex is not TenantKeyUnavailableException)
            {
                KeysLog.LogTenantKeyUnavailable(logger, tenant, ex);
                throw new TenantKeyUnavailableException(tenant, $"Tenant '{tenant}': its key-encryption key {record.Id} could not be unwrapped by the " +
                    $"tenant's key wrapper ({outer.GetType().Name}). The key that protects it was revoked, disabled or deleted, or cannot be reached; the " +
                    "tenant's encrypted values cannot be read until it is available again.", ex);
            }
        }

        var current = usable.Where(static r => r.Status == DataKeyStatus.Active).Select(static r => r.Id).DefaultIfEmpty(usable.Max(static r => r.Id)).Max();
        return new TenantKekSet(byId, byId[current]) { LoadedAt = settings.Time.GetTimestamp() };
    }

    private void Create(string tenant)
    {
        var was = KeyRingCache.EnterStoreWrite();
        try
        {
            AddAsync(tenant, CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            KeyRingCache.ExitStoreWrite(was);
        }
    }

    /// <summary>Adds a new active key-encryption key for <paramref name="tenant"/>: 256 random bits wrapped by the tenant's
    /// outer wrapper (the first one, or the one a rotation replaces the current one with).</summary>
    /// <exception cref="TenantKeyUnavailableException">The tenant's wrapper cannot wrap.</exception>
    public async Task<DataKeyRecord> AddAsync(string tenant, CancellationToken cancellationToken)
    {
        var material = GC.AllocateArray<byte>(KeyEntry.KeySize, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(material);
            byte[] wrapped;
            try
            {
                wrapped = OuterWrapperFor(tenant).Wrap(material);
            }
            catch (Exception ex) when (ex is DataGuardException or CryptographicException)
            {
                KeysLog.LogTenantKeyUnavailable(logger, tenant, ex);
                throw new TenantKeyUnavailableException(tenant, $"Tenant '{tenant}': its key wrapper could not wrap a new key-encryption key; the key that " +
                    "protects it was revoked or cannot be reached.", ex);
            }

            var record = new DataKeyRecord
            {
                Kind = DataKeyKind.TenantKey,
                Status = DataKeyStatus.Active,
                TenantId = tenant,
                WrappedKey = wrapped,
                CreatedAt = settings.Time.GetUtcNow(),
            };
            using (tenants.Begin(tenant))
            {
                var stored = await store.AddAsync(record, cancellationToken).ConfigureAwait(false);
                KeysLog.LogTenantKeyCreated(logger, stored.Id, tenant);
                return stored;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    public void Dispose() => _keks.Dispose();
}
