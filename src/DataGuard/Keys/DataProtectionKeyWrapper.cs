using DataGuard.Consent;
using Microsoft.AspNetCore.DataProtection;

namespace DataGuard.Keys;

/// <summary>Wraps keys with ASP.NET Core Data Protection under a fixed, versioned purpose.</summary>
internal sealed class DataProtectionKeyWrapper(IDataProtectionProvider provider) : IKeyWrapper, IVersionedKeyWrapper
{
    /// <summary>Changing the purpose would orphan every stored key: a new scheme gets a new version.</summary>
    public const string Purpose = "DataGuard.KeyWrapping.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public byte[] Wrap(ReadOnlySpan<byte> key) => _protector.Protect(key.ToArray());

    public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey) => _protector.Unprotect(wrappedKey.ToArray());

    public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey, out bool needsRewrap)
    {
        if (_protector is not IPersistedDataProtector persisted)
        {
            needsRewrap = false; // an ephemeral or custom provider: nothing tells which of its keys wrapped it
            return Unwrap(wrappedKey);
        }

        // requiresMigration: the payload's Data Protection key is not the ring's default key (it rolled, and the old key
        // will expire and may be deleted: IDeletableKeyManager). A revoked key still unwraps here so it can be moved off.
        var material = persisted.DangerousUnprotect(wrappedKey.ToArray(), ignoreRevocationErrors: true, out var requiresMigration, out var wasRevoked);
        needsRewrap = requiresMigration || wasRevoked;
        return material;
    }
}
