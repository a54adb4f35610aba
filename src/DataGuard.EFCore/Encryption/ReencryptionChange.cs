namespace DataGuard.EFCore.Encryption;

/// <summary>One value of a row moved to the active key: the column, the stored value read (the write only applies if it
/// is still there), the value that replaces it, and a blind index to fill in (null to leave the index as it is).</summary>
internal readonly record struct ReencryptionChange(ReencryptionColumn Column, object Old, object New, byte[]? Index);
