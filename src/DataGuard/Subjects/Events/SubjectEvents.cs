using DataGuard.Model;

namespace DataGuard.Subjects.Events;

/// <summary>Tells every registered <see cref="ISubjectEventSink"/> about a subject event. Erasure, shredding and consent
/// changes raise them after their own work is done and recorded, so a failing sink cannot undo it.</summary>
internal sealed class SubjectEvents(IEnumerable<ISubjectEventSink> sinks)
{
    private readonly ISubjectEventSink[] _sinks = [.. sinks];

    public async ValueTask RaiseAsync(SubjectId subjectId, SubjectEvent what, CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            await sink.OnSubjectEventAsync(subjectId, what, cancellationToken).ConfigureAwait(false);
        }
    }
}
