namespace DataGuard.Encryption;

/// <summary>
/// Moves every encrypted value to the active key after a rotation, and encrypts legacy plaintext left in a column
/// while <see cref="EncryptionOptions.ReadLegacyPlaintext"/> is on. It works in batches of
/// <see cref="EncryptionOptions.ReencryptionBatchSize"/> rows, each committed on its own: a run that stops (crash,
/// cancellation) loses at most its batch in flight, and the next run picks up the rows still on an old key.
/// </summary>
public interface IFieldReencryptor
{
    /// <summary>Re-encrypts until no encrypted column holds a value on an old key (or in clear).</summary>
    /// <param name="progress">Receives a report after every batch.</param>
    /// <param name="cancellationToken">Stops after the batch in flight is rolled back.</param>
    /// <returns>What was re-encrypted.</returns>
    /// <exception cref="DataGuardCryptoException">A value cannot be decrypted (damaged, or its key is missing).</exception>
    Task<ReencryptionReport> RunAsync(IProgress<ReencryptionProgress>? progress = null, CancellationToken cancellationToken = default);
}
