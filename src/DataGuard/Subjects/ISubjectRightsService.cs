namespace DataGuard.Subjects;

/// <summary>
/// Serves a data subject's rights over everything the application stores about them: a copy of their data (access and
/// portability) and its erasure.
/// </summary>
public interface ISubjectRightsService
{
    /// <summary>
    /// Writes the subject's export package, a ZIP file, to <paramref name="destination"/>. The rows are streamed, so
    /// a subject with many rows is never held in memory at once.
    /// </summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="destination">A writable stream that receives the package; it is left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when the package is written.</returns>
    Task ExportAsync(SubjectId subjectId, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the subject's personal data: per entity it is deleted, anonymised or shredded as configured, and what a
    /// retention minimum or a legal hold requires is kept, with the reason. All or nothing per database; running it
    /// again changes nothing more.
    /// </summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="cancellationToken">Cancels the erasure before it commits.</param>
    /// <returns>What was deleted, anonymised, shredded and kept, and why.</returns>
    Task<ErasureReport> EraseAsync(SubjectId subjectId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies an export package: structure and checksums, every file against the manifest's SHA-256 (a changed,
    /// added or removed file is found), and the signature as <paramref name="trust"/> requires. Bad package bytes never
    /// throw; every problem is in the result. Same as <see cref="SubjectExportPackage.VerifyAsync"/>.
    /// </summary>
    /// <param name="package">The package, read from its current position.</param>
    /// <param name="trust">Which signatures are accepted, and whether one is required.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The outcome.</returns>
    Task<ExportVerificationResult> VerifyAsync(Stream package, ExportTrust trust, CancellationToken cancellationToken = default);
}
