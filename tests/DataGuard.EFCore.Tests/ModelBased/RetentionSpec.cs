using DataGuard.Model;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>A generated retention policy: <c>HasRetention(Days, e =&gt; e.CreatedAt, Then, Minimum ? "law" : null)</c>.</summary>
public sealed record RetentionSpec(int Days, RetentionAction Then, bool Minimum)
{
    public override string ToString() => $"retain {Days}d then {Then}{(Minimum ? " (legal minimum)" : "")}";
}
