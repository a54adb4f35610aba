namespace DataGuard.Consent;

/// <summary>Stable machine codes (used in ProblemDetails and JSON) and sentences for <see cref="ConsentStatus"/>.</summary>
internal static class ConsentStatusText
{
    public static string ToCode(ConsentStatus status) => status switch
    {
        ConsentStatus.NotRequired => "not-required",
        ConsentStatus.Granted => "granted",
        ConsentStatus.Absent => "absent",
        ConsentStatus.Withdrawn => "withdrawn",
        ConsentStatus.Expired => "expired",
        ConsentStatus.OutdatedNotice => "outdated-notice",
        ConsentStatus.Restricted => "restricted",
        ConsentStatus.Objected => "objected",
        _ => "unknown",
    };

    public static string Describe(ConsentStatus status) => status switch
    {
        ConsentStatus.NotRequired => "the purpose does not need consent",
        ConsentStatus.Granted => "consent is in force",
        ConsentStatus.Absent => "no consent was given",
        ConsentStatus.Withdrawn => "consent was withdrawn",
        ConsentStatus.Expired => "consent has expired",
        ConsentStatus.OutdatedNotice => "consent was given under an older notice; ask again",
        ConsentStatus.Restricted => "processing of the subject's data is restricted",
        ConsentStatus.Objected => "the subject objected to this processing",
        _ => "the consent state is unknown",
    };
}
