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
    /// added or removed file is found), the signature as <paramref name="trust"/> requires, and the expected subject and
    /// freshness when the trust states them (<see cref="ExportTrust.ExpectedSubject"/>, in any spelling the model
    /// accepts; <see cref="ExportTrust.MaxAge"/>, measured with the service's clock unless the trust names one). Bad
    /// package bytes never throw; every problem is in the result. Otherwise as <see cref="SubjectExportPackage.VerifyAsync"/>.
    /// </summary>
    /// <param name="package">The package, read from its current position.</param>
    /// <param name="trust">Which signatures are accepted, whether one is required, and whose and how recent the package
    /// must be.</param>
    /// <exception cref="ArgumentException"><see cref="ExportTrust.ExpectedSubject"/> cannot be a subject of the model.</exception>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The outcome.</returns>
    Task<ExportVerificationResult> VerifyAsync(Stream package, ExportTrust trust, CancellationToken cancellationToken = default);

    /// <summary>
    /// Corrects one of the subject's personal fields (GDPR Art. 16) through the host's <see cref="ISubjectRectifier"/>,
    /// after checking that the request names a personal property of an entity in the model. The audit entry names the
    /// entity and property, never the value.
    /// </summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="request">The field and the corrected value.</param>
    /// <param name="cancellationToken">Cancels the correction.</param>
    /// <returns>A task that completes when the rectifier has applied the correction.</returns>
    /// <exception cref="ArgumentException">The request does not name a personal property of a known entity.</exception>
    /// <exception cref="InvalidOperationException">No <see cref="ISubjectRectifier"/> is registered.</exception>
    Task RectifyAsync(SubjectId subjectId, RectificationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Restricts processing of the subject's data (GDPR Art. 18) by recording a restriction in the consent store: every
    /// consent check for the subject then fails, except for purposes under a legal obligation.
    /// </summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="reason">Why (e.g. "accuracy contested"); stored as the restriction's evidence.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns><see langword="true"/> when the restriction was recorded, <see langword="false"/> when it was already in place.</returns>
    /// <exception cref="InvalidOperationException">No consent store is registered.</exception>
    Task<bool> RestrictAsync(SubjectId subjectId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Lifts a restriction recorded by <see cref="RestrictAsync"/>.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="reason">Why the restriction ends; stored as evidence.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns><see langword="true"/> when a restriction was lifted, <see langword="false"/> when there was none.</returns>
    /// <exception cref="InvalidOperationException">No consent store is registered.</exception>
    Task<bool> LiftRestrictionAsync(SubjectId subjectId, string? reason = null, CancellationToken cancellationToken = default);
}
