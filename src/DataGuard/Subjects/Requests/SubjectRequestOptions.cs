using System.ComponentModel.DataAnnotations;
namespace DataGuard.Subjects.Requests;

/// <summary>Deadlines of data-subject requests, in <see cref="DataGuardOptions.Requests"/>; validated at start-up.</summary>
public sealed class SubjectRequestOptions
{
    /// <summary>The longest <see cref="ResponseTime"/> or <see cref="MaxExtension"/> accepted.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(365);

    /// <summary>How long after receipt a request must be answered. Defaults to 30 days: GDPR Art. 12(3) says "without
    /// undue delay and in any event within one month". A shorter promise (say, the privacy policy's "one week") is fine.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", MinimumIsExclusive = true)]
    public TimeSpan ResponseTime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How much a deadline can be extended, once, with a reason. Defaults to 60 days: GDPR Art. 12(3) allows
    /// "two further months where necessary, taking into account the complexity and number of the requests". Zero
    /// disables extensions.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan MaxExtension { get; set; } = TimeSpan.FromDays(60);
}
