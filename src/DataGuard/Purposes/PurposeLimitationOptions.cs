namespace DataGuard;

/// <summary>Options of purpose limitation (<see cref="IPurposeGuard"/>, <see cref="IPurposeContext"/>), under
/// <see cref="DataGuardOptions.PurposeLimitation"/>.</summary>
public sealed class PurposeLimitationOptions
{
    /// <summary>What a purpose scope does with personal fields its purpose may not use. Defaults to
    /// <see cref="PurposeViolationBehavior.Throw"/>.</summary>
    public PurposeViolationBehavior OutsidePurpose { get; set; } = PurposeViolationBehavior.Throw;
}
