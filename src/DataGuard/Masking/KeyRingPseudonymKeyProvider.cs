using System.Security.Cryptography;
using DataGuard.Keys;

namespace DataGuard.Masking;

/// <summary>
/// Pseudonym keys from DataGuard's key ring: HKDF-SHA256 of the active data key with a purpose label of its own, so the
/// data key itself never keys an HMAC. The key id is <c>k</c> plus the data key's id: after a rotation new pseudonyms
/// carry the new prefix, and old and new pseudonyms are visibly from different keys.
/// </summary>
internal sealed class KeyRingPseudonymKeyProvider(KeyRing ring) : IPseudonymKeyProvider
{
    private static readonly byte[] Info = "DataGuard.Pseudonym.v1"u8.ToArray();
    private volatile Cached? _current;

    public PseudonymKey Current
    {
        get
        {
            var active = ring.ActiveKey;
            var current = _current;
            if (current is not null && ReferenceEquals(current.Source, active))
            {
                return current.Key;
            }

            Span<byte> derived = stackalloc byte[PseudonymKey.MinKeyBytes];
            HKDF.DeriveKey(HashAlgorithmName.SHA256, active.Material, derived, salt: [], Info);
            try
            {
                // The previous key may still be hashing on another thread; it is left to the GC rather than disposed.
                // Compared by key entry, not id: tenants' key ids repeat when each has a database of its own.
                current = new Cached(active, new PseudonymKey(KeyIdOf(active.Id), derived));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(derived);
            }

            _current = current;
            return current.Key;
        }
    }

    private sealed record Cached(KeyEntry Source, PseudonymKey Key);

    private static string KeyIdOf(int dataKeyId) => "k" + dataKeyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
