namespace DataGuard.Keys;

/// <summary>The life-cycle state of a key.</summary>
public enum DataKeyStatus
{
    /// <summary>Encrypts new values (the newest active data key) and decrypts.</summary>
    Active = 0,
    /// <summary>Replaced by a rotation: still decrypts, never encrypts. The re-encryption job moves its values away.</summary>
    DecryptOnly = 1,
    /// <summary>Retired after re-encryption: its key material is gone and values still on it cannot be read.</summary>
    Retired = 2,
    /// <summary>A subject key destroyed by <see cref="IKeyManager.ShredAsync"/>: the record stays as a tombstone, without
    /// key material, so the subject is never given a new key and the shredding can be audited.</summary>
    Shredded = 3,
}
