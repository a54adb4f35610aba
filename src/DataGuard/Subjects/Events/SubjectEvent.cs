namespace DataGuard.Subjects.Events;

/// <summary>Something that ends the use of a subject's data: what <see cref="ISubjectEventSink"/>s hear about.</summary>
internal enum SubjectEvent
{
    /// <summary>The subject's data was erased (GDPR Art. 17).</summary>
    Erased,

    /// <summary>The subject's key was destroyed.</summary>
    Shredded,

    /// <summary>The subject withdrew a consent (Art. 7(3)).</summary>
    ConsentWithdrawn,

    /// <summary>The subject objected to a purpose (Art. 21).</summary>
    Objected,

    /// <summary>Processing of the subject's data was restricted (Art. 18).</summary>
    Restricted,
}
