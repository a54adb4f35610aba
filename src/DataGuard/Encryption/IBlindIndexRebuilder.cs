namespace DataGuard.Encryption;

/// <summary>
/// Recomputes blind indexes that were computed under another normalisation rule version or other options
/// (<see cref="EncryptionOptions.BlindIndexTrim"/>, <see cref="EncryptionOptions.BlindIndexCaseFold"/>) than the
/// current ones, so that search finds them with the current rule. Each stored index names the rule and options it was
/// computed with, so the job selects only the rows still to do: it works in batches of
/// <see cref="EncryptionOptions.ReencryptionBatchSize"/> rows, each committed on its own, under a database lease per
/// entity (one instance at a time), and a run that stops resumes where it stopped. Until it has run, search still finds
/// rows indexed under rule 1; rows indexed under other options are found only once rebuilt.
/// </summary>
public interface IBlindIndexRebuilder
{
    /// <summary>Rebuilds until no searchable column holds an index from another rule or other options.</summary>
    /// <param name="cancellationToken">Stops after the batch in flight is rolled back.</param>
    /// <returns>What was rebuilt.</returns>
    /// <exception cref="DataGuardCryptoException">A value cannot be decrypted (damaged, or its key is missing).</exception>
    Task<BlindIndexRebuildReport> RunAsync(CancellationToken cancellationToken = default);
}
