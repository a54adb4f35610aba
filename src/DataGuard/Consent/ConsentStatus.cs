namespace DataGuard.Consent;

/// <summary>Whether processing for a purpose may go ahead for a data subject, and if not, why.</summary>
public enum ConsentStatus
{
    /// <summary>The purpose is not on a consent basis (contract, legal obligation, …) and nothing stops it.</summary>
    NotRequired = 0,

    /// <summary>A consent is in force.</summary>
    Granted,

    /// <summary>The subject was never asked, or never agreed.</summary>
    Absent,

    /// <summary>The subject withdrew consent (GDPR Art. 7(3)).</summary>
    Withdrawn,

    /// <summary>The consent's expiry has passed.</summary>
    Expired,

    /// <summary>The consent was given under an older notice and the purpose does not accept older notices.</summary>
    OutdatedNotice,

    /// <summary>Processing of the subject's data is restricted (GDPR Art. 18); only legal-obligation purposes pass.</summary>
    Restricted,

    /// <summary>The subject objected to processing for the purpose (GDPR Art. 21).</summary>
    Objected,
}
