using DataGuard.Encryption;

namespace DataGuard.Keys;

/// <summary>What a key in the key store is for.</summary>
public enum DataKeyKind
{
    /// <summary>Encrypts personal fields (AES-256-GCM).</summary>
    Data = 0,
    /// <summary>Derives the per-column blind-index keys (HMAC-SHA256 via HKDF). It is never rotated, because every
    /// blind index would have to be recomputed.</summary>
    BlindIndex = 1,
    /// <summary>One data subject's own key (<see cref="EncryptionOptions.SubjectKeys"/>): encrypts that subject's
    /// personal fields, and is destroyed by <see cref="IKeyManager.ShredAsync"/>.</summary>
    Subject = 2,
    /// <summary>A tenant's key-encryption key: wraps that tenant's data, blind-index and subject keys (AES-256-GCM), and is
    /// itself wrapped by the platform's <see cref="IKeyWrapper"/> or the tenant's own
    /// (<see cref="DataGuard.Tenants.Keys.ITenantKeyWrappers"/>). Never encrypts a field.</summary>
    TenantKey = 3,
}
