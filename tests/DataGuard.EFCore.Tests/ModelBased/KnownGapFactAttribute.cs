namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>A model-based invariant that fails today because a fix has not landed: skipped with the reason (issue item,
/// replay seed, what breaks), so CI stays green and the gap stays visible. Set <c>DATAGUARD_MODEL_GAPS=1</c> to run it
/// anyway, for example to see whether a fix has landed.</summary>
public sealed class KnownGapFactAttribute : FactAttribute
{
    public KnownGapFactAttribute(string reason)
    {
        if (Environment.GetEnvironmentVariable("DATAGUARD_MODEL_GAPS") != "1")
        {
            Skip = reason;
        }
    }
}
