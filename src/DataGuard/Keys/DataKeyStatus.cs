namespace DataGuard.Keys;

/// <summary>The life-cycle state of a key.</summary>
public enum DataKeyStatus
{
    /// <summary>Encrypts new values (the newest active data key) and decrypts.</summary>
    Active = 0,
    /// <summary>Replaced by a rotation: still decrypts, never encrypts. The re-encryption job moves its values away.</summary>
    DecryptOnly = 1,
    /// <summary>Retired after re-encryption, once no stored value used it (<see cref="IKeyManager.RetireAsync"/>): it never
    /// encrypts, and its material is kept so that values in a restored database backup can still be read and re-encrypted.
    /// (Databases written by earlier versions may hold retired keys without material.)</summary>
    Retired = 2,
    /// <summary>A subject key destroyed by <see cref="IKeyManager.ShredAsync"/>: the record stays as a tombstone, without
    /// key material, so the subject is never given a new key and the shredding can be audited.</summary>
    Shredded = 3,
    /// <summary>A retired ring key whose material was destroyed by <see cref="IKeyManager.DestroyAsync"/>: values still on
    /// it, in this database or in any backup of it, can never be read again. The record stays, so the destruction can be
    /// audited and the id is never reused.</summary>
    Destroyed = 4,
}
