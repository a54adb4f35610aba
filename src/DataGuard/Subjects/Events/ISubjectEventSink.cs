namespace DataGuard.Subjects.Events;

/// <summary>Hears that a subject's data must no longer be used (the encrypted cache drops the subject's entries).</summary>
internal interface ISubjectEventSink
{
    ValueTask OnSubjectEventAsync(SubjectId subjectId, SubjectEvent what, CancellationToken cancellationToken);
}
