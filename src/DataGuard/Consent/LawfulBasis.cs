namespace DataGuard.Consent;

/// <summary>The lawful basis for processing personal data for a purpose (GDPR Art. 6(1)).</summary>
public enum LawfulBasis
{
    /// <summary>The data subject has given consent (Art. 6(1)(a)); processing needs a consent in force.</summary>
    Consent = 0,
    /// <summary>Necessary to perform a contract with the data subject (Art. 6(1)(b)).</summary>
    Contract,
    /// <summary>Necessary to comply with a legal obligation (Art. 6(1)(c)); survives a restriction of processing.</summary>
    LegalObligation,
    /// <summary>Necessary to protect someone's vital interests (Art. 6(1)(d)).</summary>
    VitalInterests,
    /// <summary>Necessary for a task in the public interest (Art. 6(1)(e)).</summary>
    PublicTask,
    /// <summary>Necessary for legitimate interests (Art. 6(1)(f)); the data subject may object (Art. 21).</summary>
    LegitimateInterests,
}
