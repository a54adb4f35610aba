namespace DataGuard.Encryption;

/// <summary>A stored value the re-encryption job could not decrypt, and so left where it was (with the rest of its
/// row). Never holds the value itself.</summary>
/// <param name="Entity">The entity whose row holds it.</param>
/// <param name="Property">The property.</param>
/// <param name="KeyId">The key the value names, if its header could be read.</param>
/// <param name="RowKey">The row's primary key, as text.</param>
/// <param name="Reason">Why it could not be decrypted (without the value).</param>
public sealed record ReencryptionSkippedValue(string Entity, string Property, int? KeyId, string RowKey, string Reason);
