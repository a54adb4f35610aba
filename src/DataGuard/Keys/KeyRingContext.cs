using DataGuard.Encryption;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Keys;

/// <summary>What the parts of the key ring share: the store, the key-encryption key, the clock, the options and the
/// ring's logger; for a tenant's ring also the tenant id (its keys are wrapped by the tenant's key-encryption key).</summary>
internal sealed record KeyRingContext(IKeyStore Store, IKeyWrapper Wrapper, TimeProvider Time, IOptionsMonitor<DataGuardOptions> Options, ILogger Logger)
{
    public EncryptionOptions Settings => Options.CurrentValue.Encryption;

    /// <summary>The tenant whose keys this ring holds; <see langword="null"/> for the platform's ring.</summary>
    public string? Tenant { get; init; }

    /// <summary>Whether <paramref name="record"/> is one of this ring's keys: the same tenant (a store may return other
    /// tenants' keys; they are never used here), and not a tenant key-encryption key (those wrap keys, never fields).</summary>
    public bool Owns(DataKeyRecord record)
        => string.Equals(record.TenantId, Tenant, StringComparison.Ordinal) && record.Kind != DataKeyKind.TenantKey;

    /// <summary>The ring's records (data and blind-index keys of this tenant, or of the platform).</summary>
    public async Task<IReadOnlyList<DataKeyRecord>> ReadRingAsync(CancellationToken cancellationToken)
    {
        var records = await Store.GetAllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var record in records)
        {
            if (!Owns(record))
            {
                return records.Where(Owns).ToList();
            }
        }

        return records;
    }
}
