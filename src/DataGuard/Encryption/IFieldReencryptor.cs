namespace DataGuard.Encryption;

/// <summary>
/// Moves every encrypted value to the active key after a rotation, and encrypts legacy plaintext left in a column
/// while <see cref="EncryptionOptions.ReadLegacyPlaintext"/> is on. It works in batches of
/// <see cref="EncryptionOptions.ReencryptionBatchSize"/> rows, each committed on its own: a run that stops (crash,
/// cancellation) loses at most its batch in flight, and the next run picks up the rows still on an old key.
/// The application may keep serving meanwhile: a row is written only if it still holds the values the job read, so a
/// concurrent change is never undone (the changed row is read again in a later pass). Every row is seen, whatever
/// global query filters the application declares; ring-key values in subject-key columns move too (subject-key values
/// stay under their subject's key); empty and null values (anonymised rows) are left as they are, without a blind index.
/// </summary>
public interface IFieldReencryptor
{
    /// <summary>Re-encrypts until no encrypted column holds a value on an old key (or in clear).</summary>
    /// <param name="progress">Receives a report after every batch.</param>
    /// <param name="cancellationToken">Stops after the batch in flight is rolled back.</param>
    /// <returns>What was re-encrypted.</returns>
    /// <remarks>A value that cannot be decrypted (damaged, or its key is missing) does not stop the run: its row is left
    /// as it is, logged, and counted and listed in <see cref="ReencryptionReport.SkippedValues"/>.</remarks>
    Task<ReencryptionReport> RunAsync(IProgress<ReencryptionProgress>? progress = null, CancellationToken cancellationToken = default);
}
