namespace DataGuard.Keys;

/// <summary>A subject's key in the cache (null once shredded), its id, and when it was read.</summary>
internal sealed record SubjectKeySlot(KeyEntry? Key, int KeyId, long LoadedAt)
{
    /// <summary>What a value of this subject naming <paramref name="keyId"/> finds.</summary>
    public SubjectKeyLookup Lookup(int keyId)
        => keyId != KeyId ? new SubjectKeyLookup(SubjectKeyStatus.OtherSubject, null, keyId)
            : Key is null ? new SubjectKeyLookup(SubjectKeyStatus.Shredded, null, KeyId)
            : new SubjectKeyLookup(SubjectKeyStatus.Found, Key, KeyId);
}
