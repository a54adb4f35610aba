namespace DataGuard.Keys;

/// <summary>A subject's key in the cache (null once shredded), its id, and when it was read. A value type, held in the
/// cache's dictionary entry itself: a read of a row of another subject than the last finds its key with one object
/// fewer out of the CPU's caches (benchmarks/README.md, Fourth round).</summary>
internal readonly record struct SubjectKeySlot(KeyEntry? Key, int KeyId, long LoadedAt)
{
    /// <summary>What a value of this subject naming <paramref name="keyId"/> finds.</summary>
    public SubjectKeyLookup Lookup(int keyId)
        => keyId != KeyId ? new SubjectKeyLookup(SubjectKeyStatus.OtherSubject, null, keyId)
            : Key is null ? new SubjectKeyLookup(SubjectKeyStatus.Shredded, null, KeyId)
            : new SubjectKeyLookup(SubjectKeyStatus.Found, Key, KeyId);
}
