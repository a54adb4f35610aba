namespace DataGuard.Subjects.Requests;

/// <summary>
/// Keeps data-subject requests. DataGuard ships an in-memory store (<see cref="InMemorySubjectRequestStore"/>, for tests)
/// and an EF Core store (<c>UseEntityFrameworkStores&lt;TContext&gt;()</c>). A store must not cache: a change made through
/// one instance or process is seen by the next read through any other.
/// </summary>
public interface ISubjectRequestStore
{
    /// <summary>Adds a new request.</summary>
    /// <param name="request">The request, with its first history entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the request is durable.</returns>
    ValueTask AddAsync(SubjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored request with a changed one, if nobody changed it in between.</summary>
    /// <param name="request">The changed request: the stored history plus new entries at its end.</param>
    /// <param name="expectedVersion">The <see cref="SubjectRequest.Version"/> the change was made from.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the stored request's version is no
    /// longer <paramref name="expectedVersion"/> or the request does not exist.</returns>
    ValueTask<bool> TryUpdateAsync(SubjectRequest request, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>A request by id.</summary>
    /// <param name="requestId">The request's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The request, or <see langword="null"/> when there is none.</returns>
    ValueTask<SubjectRequest?> FindAsync(Guid requestId, CancellationToken cancellationToken = default);

    /// <summary>Every request of one subject, newest first.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The subject's requests.</returns>
    ValueTask<IReadOnlyList<SubjectRequest>> GetForSubjectAsync(SubjectId subjectId, CancellationToken cancellationToken = default);

    /// <summary>Open requests (neither completed nor rejected) whose deadline is before <paramref name="now"/>, the most
    /// overdue first.</summary>
    /// <param name="now">The time to judge by.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The overdue requests.</returns>
    ValueTask<IReadOnlyList<SubjectRequest>> GetOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
