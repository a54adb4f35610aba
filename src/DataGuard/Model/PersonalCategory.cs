namespace DataGuard.Model;

/// <summary>What kind of personal data a field holds. Categories from <see cref="Health"/> on are special categories
/// (GDPR Art. 9) or criminal-offence data (Art. 10), which the data map flags.</summary>
public enum PersonalCategory
{
    /// <summary>Personal data without a more specific category.</summary>
    General = 0,
    /// <summary>Names and other direct identifiers of a person.</summary>
    Identity,
    /// <summary>E-mail addresses, phone numbers and postal addresses.</summary>
    Contact,
    /// <summary>Card numbers, IBANs, account and salary data.</summary>
    Financial,
    /// <summary>Precise or coarse location data.</summary>
    Location,
    /// <summary>IP addresses, device ids, cookies and other online identifiers (GDPR recital 30).</summary>
    OnlineIdentifier,
    /// <summary>Passport, national id, tax or social-security numbers.</summary>
    GovernmentId,
    /// <summary>Date of birth, gender, nationality and similar demographic data.</summary>
    Demographic,
    /// <summary>Data concerning health (special category, GDPR Art. 9).</summary>
    Health,
    /// <summary>Biometric data used to identify a person (special category, GDPR Art. 9).</summary>
    Biometric,
    /// <summary>Genetic data (special category, GDPR Art. 9).</summary>
    Genetic,
    /// <summary>Racial or ethnic origin (special category, GDPR Art. 9).</summary>
    EthnicOrigin,
    /// <summary>Political opinions (special category, GDPR Art. 9).</summary>
    PoliticalOpinion,
    /// <summary>Religious or philosophical beliefs (special category, GDPR Art. 9).</summary>
    ReligiousBelief,
    /// <summary>Trade-union membership (special category, GDPR Art. 9).</summary>
    TradeUnionMembership,
    /// <summary>Sex life or sexual orientation (special category, GDPR Art. 9).</summary>
    SexLife,
    /// <summary>Criminal convictions and offences (GDPR Art. 10).</summary>
    CriminalRecord,
}
