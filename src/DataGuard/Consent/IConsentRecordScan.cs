namespace DataGuard.Consent;

/// <summary>Reads every consent record of one purpose, across subjects, for statistics: grouped by subject and in the
/// order each subject's records were written. Implemented by the EF Core consent store, streaming over its
/// (subject, purpose, id) index.</summary>
internal interface IConsentRecordScan
{
    /// <summary>The purpose's records, one subject after another.</summary>
    /// <param name="purpose">The purpose.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records, streamed.</returns>
    IAsyncEnumerable<ConsentRecord> ScanAsync(string purpose, CancellationToken cancellationToken);
}
