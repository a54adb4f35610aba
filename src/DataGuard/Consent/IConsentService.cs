using DataGuard.Subjects;

namespace DataGuard.Consent;

/// <summary>
/// Records consents, withdrawals, objections and restrictions, and checks at call time whether processing for a purpose
/// may go ahead. Every check reads the store, so a withdrawal takes effect at once, in every process. Registered as a
/// scoped service by <c>services.AddDataGuard()</c>. Every recorded change is an audit event.
/// </summary>
public interface IConsentService
{
    /// <summary>Records that the subject gave consent for a purpose. A new grant replaces an earlier one (for example
    /// under a newer notice) and lifts an earlier objection to the purpose.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="purpose">A purpose declared in <see cref="DataGuardOptions.Purposes"/>.</param>
    /// <param name="details">Source, evidence, actor, notice version and expiry; defaults come from the purpose.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record that was appended.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is not declared, or a detail is too long.</exception>
    Task<ConsentRecord> GrantAsync(SubjectId subjectId, string purpose, ConsentDetails? details = null, CancellationToken cancellationToken = default);

    /// <summary>Records that the subject withdrew consent for a purpose (GDPR Art. 7(3)). Idempotent: when the latest
    /// record for the purpose is not a grant, nothing is recorded.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="purpose">A declared purpose.</param>
    /// <param name="details">Source, evidence and actor.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a withdrawal was recorded.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is not declared, or a detail is too long.</exception>
    Task<bool> WithdrawAsync(SubjectId subjectId, string purpose, ConsentDetails? details = null, CancellationToken cancellationToken = default);

    /// <summary>Records that the subject objected to processing for a purpose (GDPR Art. 21). The objection stops
    /// purposes on a consent, legitimate-interests or public-task basis until the subject grants consent again; on other
    /// bases it is recorded but does not stop processing. Idempotent.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="purpose">A declared purpose.</param>
    /// <param name="details">Source, evidence and actor.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when an objection was recorded, <see langword="false"/> when one was already in force.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is not declared, or a detail is too long.</exception>
    Task<bool> ObjectAsync(SubjectId subjectId, string purpose, ConsentDetails? details = null, CancellationToken cancellationToken = default);

    /// <summary>Restricts processing of the subject's data (GDPR Art. 18): every check fails except for purposes on a
    /// legal-obligation basis, until the restriction is lifted. Idempotent.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="details">Source, evidence and actor.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a restriction was recorded, <see langword="false"/> when one was already in force.</returns>
    /// <exception cref="ArgumentException">A detail is too long.</exception>
    Task<bool> RestrictAsync(SubjectId subjectId, ConsentDetails? details = null, CancellationToken cancellationToken = default);

    /// <summary>Lifts a restriction of processing (GDPR Art. 18(3)). Idempotent.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="details">Source, evidence and actor.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the lifting was recorded, <see langword="false"/> when no restriction was in force.</returns>
    /// <exception cref="ArgumentException">A detail is too long.</exception>
    Task<bool> LiftRestrictionAsync(SubjectId subjectId, ConsentDetails? details = null, CancellationToken cancellationToken = default);

    /// <summary>The current state of every declared purpose for the subject, in declaration order.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One state per declared purpose.</returns>
    Task<IReadOnlyList<ConsentState>> GetAsync(SubjectId subjectId, CancellationToken cancellationToken = default);

    /// <summary>The current state of one purpose for the subject, read with one indexed query.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="purpose">A declared purpose.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is not declared.</exception>
    Task<ConsentState> GetAsync(SubjectId subjectId, string purpose, CancellationToken cancellationToken = default);

    /// <summary>The subject's consent history, oldest first: the proof behind the current state.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="purpose">Only this purpose's records, or <see langword="null"/> for all records, restrictions included.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    Task<IReadOnlyList<ConsentRecord>> GetHistoryAsync(SubjectId subjectId, string? purpose = null, CancellationToken cancellationToken = default);

    /// <summary>Whether processing for the purpose may go ahead now.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="purpose">A declared purpose.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when a consent is in force or none is needed, and nothing restricts or objects.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is not declared.</exception>
    Task<bool> HasConsentAsync(SubjectId subjectId, string purpose, CancellationToken cancellationToken = default);

    /// <summary>Throws unless processing for the purpose may go ahead now.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="purpose">A declared purpose.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when processing may go ahead.</returns>
    /// <exception cref="ConsentRequiredException">Processing may not go ahead; the exception names purpose and reason.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is not declared.</exception>
    Task EnsureConsentAsync(SubjectId subjectId, string purpose, CancellationToken cancellationToken = default);
}
