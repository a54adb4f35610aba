using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DataGuard.Encryption;
using DataGuard.Keys;

namespace DataGuard.Tenants.Keys;

/// <summary>
/// Wraps one tenant's data, blind-index and subject keys with the tenant's key-encryption key: AES-256-GCM (the BCL's
/// <see cref="AesGcm"/>), a random 96-bit nonce per wrap, and associated data that binds the blob to the tenant and to
/// the key-encryption key's id, so a key wrapped for one tenant never unwraps as another's. The blob is
/// <c>version (1) | key-encryption key id (4, big-endian) | nonce (12) | ciphertext | tag (16)</c>. The key-encryption
/// keys are loaded (and the first one created) on first use through <see cref="TenantKeyEncryptionKeys"/>.
/// </summary>
internal sealed class TenantKeyWrapper(string tenant, TenantKeyEncryptionKeys owner) : IVersionedKeyWrapper
{
    public const byte Version = 1;

    private const int HeaderSize = 1 + sizeof(int);
    private const int NonceSize = 12;
    private const int TagSize = FieldFormat.TagSize;

    private readonly Lock _lock = new();

    public string Tenant => tenant;

    public byte[] Wrap(ReadOnlySpan<byte> key)
    {
        // Unwrapping finds a newer key-encryption key by its id; wrapping must notice one too, or this instance would go on
        // wrapping under a key another instance rotated away (and destroys once the refresh interval has passed).
        var keks = Keks();
        if (owner.IsStale(keks))
        {
            keks = Refresh();
        }

        var kek = keks.Current;
        var blob = new byte[HeaderSize + NonceSize + key.Length + TagSize];
        blob[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(1), kek.Id);
        var nonce = blob.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var aes = kek.Ciphers.Rent();
        try
        {
            aes.Encrypt(nonce, key, blob.AsSpan(HeaderSize + NonceSize, key.Length), blob.AsSpan(blob.Length - TagSize), AssociatedData(kek.Id));
        }
        finally
        {
            kek.Ciphers.Return(aes);
        }

        return blob;
    }

    public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey) => Unwrap(wrappedKey, out _);

    public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey, out bool needsRewrap)
    {
        if (wrappedKey.Length < HeaderSize + NonceSize + TagSize || wrappedKey[0] != Version)
        {
            throw new CryptographicException($"A key of tenant '{tenant}' is not wrapped by a tenant key-encryption key of a known format.");
        }

        var kekId = BinaryPrimitives.ReadInt32BigEndian(wrappedKey[1..]);
        var keks = Keks();
        if (!keks.ById.TryGetValue(kekId, out var kek))
        {
            // Another instance may have created a key-encryption key meanwhile: read them once more.
            keks = Reload();
            if (!keks.ById.TryGetValue(kekId, out kek))
            {
                throw new CryptographicException($"A key of tenant '{tenant}' names key-encryption key {kekId}, which is not among the tenant's " +
                    "key-encryption keys.");
            }
        }

        var ciphertext = wrappedKey[(HeaderSize + NonceSize)..^TagSize];
        var material = new byte[ciphertext.Length];
        var aes = kek.Ciphers.Rent();
        try
        {
            aes.Decrypt(wrappedKey.Slice(HeaderSize, NonceSize), ciphertext, wrappedKey[^TagSize..], material, AssociatedData(kekId));
        }
        finally
        {
            kek.Ciphers.Return(aes);
        }

        needsRewrap = kekId != keks.Current.Id;
        return material;
    }

    /// <summary>The tenant's key-encryption keys: cached by the owner (a bounded cache), loaded and unwrapped on a miss.</summary>
    private TenantKekSet Keks()
    {
        if (owner.TryGetCached(tenant, out var keks))
        {
            return keks;
        }

        lock (_lock)
        {
            return owner.TryGetCached(tenant, out keks) ? keks : owner.Remember(tenant, owner.Load(tenant));
        }
    }

    private TenantKekSet Refresh()
    {
        lock (_lock)
        {
            return owner.TryGetCached(tenant, out var keks) && !owner.IsStale(keks) ? keks : owner.Remember(tenant, owner.Load(tenant));
        }
    }

    private TenantKekSet Reload()
    {
        lock (_lock)
        {
            return owner.Remember(tenant, owner.Load(tenant));
        }
    }

    private byte[] AssociatedData(int kekId)
        => Encoding.UTF8.GetBytes(FormattableString.Invariant($"DataGuard.TenantKeyWrap.v1\0{tenant}\0{kekId}"));
}
