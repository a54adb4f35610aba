namespace DataGuard.Consent;

/// <summary>What a <see cref="ConsentRecord"/> records.</summary>
public enum ConsentRecordKind
{
    /// <summary>The data subject gave consent for the record's purpose (GDPR Art. 7).</summary>
    Granted = 0,

    /// <summary>The data subject withdrew consent for the record's purpose (GDPR Art. 7(3)).</summary>
    Withdrawn,

    /// <summary>The data subject objected to processing for the record's purpose (GDPR Art. 21).</summary>
    Objected,

    /// <summary>Processing of all the subject's data was restricted (GDPR Art. 18); the record's purpose is
    /// <see cref="ConsentRecord.AllPurposes"/>.</summary>
    Restricted,

    /// <summary>A restriction of processing was lifted (GDPR Art. 18(3)); the record's purpose is
    /// <see cref="ConsentRecord.AllPurposes"/>.</summary>
    RestrictionLifted,
}
