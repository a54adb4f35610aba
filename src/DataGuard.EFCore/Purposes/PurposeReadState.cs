using DataGuard.Purposes;

namespace DataGuard.EFCore.Purposes;

/// <summary>What one purpose scope decided for one entity type (<see cref="PurposeReadPlan"/>): the declaration's refusal,
/// computed once, and the consent states of the subjects read so far (none for a purpose whose lawful basis needs no
/// consent check).</summary>
internal sealed class PurposeReadState(PurposeScope scope, PurposeDecision? declaration, PurposeSubjectConsents? consents) : IDisposable
{
    public PurposeScope Scope { get; } = scope;

    /// <summary>The declaration's refusal, or <see langword="null"/> when the declaration allows the read.</summary>
    public PurposeDecision? Declaration { get; } = declaration;

    public PurposeSubjectConsents? Consents { get; } = consents;

    /// <summary>Drops the subjects' states when the scope ends: a plan keeps its last state until the next scope.</summary>
    public void Dispose() => Consents?.Clear();
}
