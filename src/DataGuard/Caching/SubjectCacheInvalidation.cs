using DataGuard.Subjects;
using DataGuard.Subjects.Events;

namespace DataGuard.Caching;

/// <summary>Drops a subject's cache entries when their data must no longer be used: erasure, shredding, a consent
/// withdrawal, an objection or a restriction.</summary>
internal sealed class SubjectCacheInvalidation(ISubjectCache cache) : ISubjectEventSink
{
    public async ValueTask OnSubjectEventAsync(SubjectId subjectId, SubjectEvent what, CancellationToken cancellationToken)
        => await cache.RemoveSubjectAsync(subjectId, cancellationToken).ConfigureAwait(false);
}
