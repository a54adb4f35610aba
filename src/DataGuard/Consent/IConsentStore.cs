using DataGuard.Subjects;

namespace DataGuard.Consent;

/// <summary>
/// Keeps consent records, append-only. DataGuard ships an in-memory store (the default, for tests) and an EF Core
/// store (<c>UseEntityFrameworkStores&lt;TContext&gt;()</c>). A store must not cache: a record appended through one
/// instance or process is seen by the next read through any other.
/// </summary>
public interface IConsentStore
{
    /// <summary>Appends a record. Records are never changed or removed.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <returns>A task that completes when the record is durable.</returns>
    ValueTask AppendAsync(ConsentRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// The records a check needs, read in one query: the newest record for <paramref name="purpose"/> and the newest
    /// record for <see cref="ConsentRecord.AllPurposes"/> (restriction) of the subject. "Newest" is the order in which
    /// records were appended.
    /// </summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="purpose">The purpose's declared name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Zero, one or two records, in any order.</returns>
    ValueTask<IReadOnlyList<ConsentRecord>> GetLatestAsync(SubjectId subjectId, string purpose, CancellationToken cancellationToken = default);

    /// <summary>Every record of the subject, oldest first (the order in which they were appended).</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The subject's history.</returns>
    ValueTask<IReadOnlyList<ConsentRecord>> GetHistoryAsync(SubjectId subjectId, CancellationToken cancellationToken = default);
}
