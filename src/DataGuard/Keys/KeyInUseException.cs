using DataGuard.Encryption;

namespace DataGuard.Keys;

/// <summary>
/// A key cannot be retired or destroyed because stored values still name it: run the re-encryption job
/// (<see cref="Encryption.IFieldReencryptor"/>) until it reports no skipped values, then try again. The message names the
/// key id and the count, never a value.
/// </summary>
public sealed class KeyInUseException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="keyId">The key.</param>
    /// <param name="valueCount">How many stored values still use it.</param>
    /// <param name="operation">What was refused ("retired", "destroyed").</param>
    public KeyInUseException(int keyId, long valueCount, string operation)
        : base($"Key {keyId} cannot be {operation}: {valueCount} stored values still use it. Run the re-encryption job (IFieldReencryptor.RunAsync) until no " +
            $"value is on key {keyId}, then try again.")
    {
        KeyId = keyId;
        ValueCount = valueCount;
    }

    /// <summary>The key that is still in use.</summary>
    public int KeyId { get; }

    /// <summary>How many stored values use it.</summary>
    public long ValueCount { get; }
}
