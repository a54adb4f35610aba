namespace DataGuard.Keys;

/// <summary>The result of finding a subject's key: the key when <see cref="Status"/> is
/// <see cref="SubjectKeyStatus.Found"/>.</summary>
internal readonly record struct SubjectKeyLookup(SubjectKeyStatus Status, KeyEntry? Key, int KeyId);
