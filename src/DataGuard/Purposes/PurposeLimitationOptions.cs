using System.ComponentModel.DataAnnotations;
using DataGuard.Consent;

namespace DataGuard.Purposes;

/// <summary>Options of purpose limitation (<see cref="IPurposeGuard"/>, <see cref="IPurposeContext"/>), under
/// <see cref="DataGuardOptions.PurposeLimitation"/>.</summary>
public sealed class PurposeLimitationOptions
{
    /// <summary>What a purpose scope does with personal fields its purpose may not use. Defaults to
    /// <see cref="PurposeViolationBehavior.Throw"/>.</summary>
    public PurposeViolationBehavior OutsidePurpose { get; set; } = PurposeViolationBehavior.Throw;

    /// <summary>How long purpose scopes may reuse a subject's consent state read by an earlier scope. A consent record
    /// written through this application's <see cref="IConsentService"/> takes effect at once whatever the value; this
    /// bounds how long a record written by another instance (or straight into the store) can go unseen. Defaults to
    /// 5 seconds; <see cref="TimeSpan.Zero"/> makes every scope read consent afresh. At most one hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ConsentCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
