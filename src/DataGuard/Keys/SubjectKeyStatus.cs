namespace DataGuard.Keys;

/// <summary>What a subject-key lookup found.</summary>
internal enum SubjectKeyStatus
{
    /// <summary>The subject's key, which the value names.</summary>
    Found,
    /// <summary>The subject was shredded: the key is gone.</summary>
    Shredded,
    /// <summary>The value names a key of another subject (it was moved from another subject's row).</summary>
    OtherSubject,
    /// <summary>No key has the id the value names.</summary>
    Missing,
}
