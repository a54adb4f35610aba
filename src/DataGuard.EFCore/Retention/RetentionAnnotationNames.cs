namespace DataGuard.EFCore.Retention;

internal static class RetentionAnnotationNames
{
    /// <summary>On the shadow property that records when retention anonymised a row.</summary>
    public const string AnonymizedMarker = "DataGuard:AnonymizedMarker";

    /// <summary>Runtime annotation on the model: the retention targets built from it.</summary>
    public const string Targets = "DataGuard:RetentionTargets";

    /// <summary>The name of the marker property (and column).</summary>
    public const string AnonymizedAtProperty = "DataGuardAnonymizedAt";
}
