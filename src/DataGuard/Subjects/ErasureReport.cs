namespace DataGuard.Subjects;

/// <summary>What an erasure did to one data subject's data, entity by entity, and what it kept and why.</summary>
public sealed class ErasureReport
{
    /// <summary>The data subject.</summary>
    public required SubjectId SubjectId { get; init; }

    /// <summary>When the erasure committed.</summary>
    public required DateTimeOffset CompletedAt { get; init; }
}
