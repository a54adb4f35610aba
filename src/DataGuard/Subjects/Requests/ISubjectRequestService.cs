namespace DataGuard.Subjects.Requests;

/// <summary>
/// Tracks data-subject requests (DSARs) from receipt to answer: the lifecycle received → identity verified → in
/// progress → completed (or rejected with a reason), the deadline (<see cref="SubjectRequestOptions.ResponseTime"/>,
/// extensible once by up to <see cref="SubjectRequestOptions.MaxExtension"/>), the history of changes with their actors,
/// and the requests that are overdue. Every change is recorded on the audit trail by request id, kind and status only.
/// </summary>
/// <remarks>
/// Changes take the snapshot they are made from and fail with <see cref="SubjectRequestConcurrencyException"/> when the
/// request changed in the store since (optimistic concurrency), and with <see cref="SubjectRequestStateException"/>
/// when the lifecycle does not allow them. Actors and reasons are at most 200 and 500 characters; reasons are shown to
/// the subject, so keep personal data out of them.
/// </remarks>
public interface ISubjectRequestService
{
    /// <summary>Records a new request, status <see cref="SubjectRequestStatus.Received"/>, due
    /// <see cref="SubjectRequestOptions.ResponseTime"/> from now.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="kind">What the subject asks for.</param>
    /// <param name="actor">Who records it: the subject, a staff member, an import.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The new request.</returns>
    /// <exception cref="ArgumentException"><paramref name="subjectId"/> is default, <paramref name="kind"/> undefined or
    /// <paramref name="actor"/> empty or too long.</exception>
    Task<SubjectRequest> ReceiveAsync(SubjectId subjectId, SubjectRequestKind kind, string actor, CancellationToken cancellationToken = default);

    /// <summary>A request by id, whoever its subject is; check <see cref="SubjectRequest.SubjectId"/> before showing it.</summary>
    /// <param name="requestId">The request's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The request, or <see langword="null"/>.</returns>
    Task<SubjectRequest?> FindAsync(Guid requestId, CancellationToken cancellationToken = default);

    /// <summary>Every request of one subject, newest first.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The subject's requests.</returns>
    Task<IReadOnlyList<SubjectRequest>> GetForSubjectAsync(SubjectId subjectId, CancellationToken cancellationToken = default);

    /// <summary>Open requests whose deadline has passed, as of the registered <see cref="TimeProvider"/>'s now, the most
    /// overdue first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The overdue requests.</returns>
    Task<IReadOnlyList<SubjectRequest>> GetOverdueAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the requester as verified to be the subject: <see cref="SubjectRequestStatus.Received"/> →
    /// <see cref="SubjectRequestStatus.IdentityVerified"/>.</summary>
    /// <param name="request">The snapshot the change is made from.</param>
    /// <param name="actor">Who verified: a staff member, or the <see cref="ISubjectVerifier"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The changed request.</returns>
    /// <exception cref="SubjectRequestStateException">The request is not <see cref="SubjectRequestStatus.Received"/>.</exception>
    /// <exception cref="SubjectRequestConcurrencyException">The request changed since <paramref name="request"/> was read.</exception>
    Task<SubjectRequest> VerifyIdentityAsync(SubjectRequest request, string actor, CancellationToken cancellationToken = default);

    /// <summary>Starts work on a verified request: <see cref="SubjectRequestStatus.IdentityVerified"/> →
    /// <see cref="SubjectRequestStatus.InProgress"/>.</summary>
    /// <param name="request">The snapshot the change is made from.</param>
    /// <param name="actor">Who starts it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The changed request.</returns>
    /// <exception cref="SubjectRequestStateException">The request is not <see cref="SubjectRequestStatus.IdentityVerified"/>.</exception>
    /// <exception cref="SubjectRequestConcurrencyException">The request changed since <paramref name="request"/> was read.</exception>
    Task<SubjectRequest> StartAsync(SubjectRequest request, string actor, CancellationToken cancellationToken = default);

    /// <summary>Records that the request was carried out: <see cref="SubjectRequestStatus.InProgress"/> →
    /// <see cref="SubjectRequestStatus.Completed"/>.</summary>
    /// <param name="request">The snapshot the change is made from.</param>
    /// <param name="actor">Who completed it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The changed request.</returns>
    /// <exception cref="SubjectRequestStateException">The request is not <see cref="SubjectRequestStatus.InProgress"/>.</exception>
    /// <exception cref="SubjectRequestConcurrencyException">The request changed since <paramref name="request"/> was read.</exception>
    Task<SubjectRequest> CompleteAsync(SubjectRequest request, string actor, CancellationToken cancellationToken = default);

    /// <summary>Refuses an open request with a reason the subject will see (GDPR Art. 12(4)).</summary>
    /// <param name="request">The snapshot the change is made from.</param>
    /// <param name="reason">Why, without personal data; 1 to 500 characters.</param>
    /// <param name="actor">Who rejects it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The changed request.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty or too long.</exception>
    /// <exception cref="SubjectRequestStateException">The request is already completed or rejected.</exception>
    /// <exception cref="SubjectRequestConcurrencyException">The request changed since <paramref name="request"/> was read.</exception>
    Task<SubjectRequest> RejectAsync(SubjectRequest request, string reason, string actor, CancellationToken cancellationToken = default);

    /// <summary>Extends an open request's deadline, once, by up to <see cref="SubjectRequestOptions.MaxExtension"/>,
    /// with a reason the subject will see (GDPR Art. 12(3): the subject must be told within the first month, with the
    /// reasons).</summary>
    /// <param name="request">The snapshot the change is made from.</param>
    /// <param name="extension">How much later the answer is due; more than zero.</param>
    /// <param name="reason">Why, without personal data; 1 to 500 characters.</param>
    /// <param name="actor">Who extends it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The changed request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="extension"/> is not positive or exceeds
    /// <see cref="SubjectRequestOptions.MaxExtension"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty or too long.</exception>
    /// <exception cref="SubjectRequestStateException">The request is closed, or its deadline was already extended.</exception>
    /// <exception cref="SubjectRequestConcurrencyException">The request changed since <paramref name="request"/> was read.</exception>
    Task<SubjectRequest> ExtendDeadlineAsync(
        SubjectRequest request,
        TimeSpan extension,
        string reason,
        string actor,
        CancellationToken cancellationToken = default);
}
