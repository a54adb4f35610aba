namespace DataGuard;

/// <summary>DataGuard's settings, configured through <c>services.AddDataGuard(o =&gt; …)</c> and validated at start-up.</summary>
public sealed class DataGuardOptions
{
    /// <summary>The purposes for which the application processes personal data (GDPR Art. 5(1)(b), 30(1)(b)).</summary>
    public PurposeCollection Purposes { get; } = new();

    /// <summary>Field encryption: migration mode, blind-index normalisation, key refresh and re-encryption batches.</summary>
    public EncryptionOptions Encryption { get; } = new();

    /// <summary>Retention: batch size, the retention job's interval and its lease duration.</summary>
    public RetentionOptions Retention { get; } = new();

    /// <summary>Data-subject requests: how long the answer may take and how far a deadline can be extended.</summary>
    public Subjects.SubjectRequestOptions Requests { get; } = new();

    /// <summary>Data-subject rights: the certificate that signs export packages, and erasure's SQLite vacuum.</summary>
    public Subjects.SubjectRightsOptions SubjectRights { get; } = new();

    /// <summary>Purpose limitation: what a purpose scope does with personal fields its purpose may not use.</summary>
    public PurposeLimitationOptions PurposeLimitation { get; } = new();

    /// <summary>The record of processing (GDPR Art. 30(1)): controller, DPO, categories of data subjects, recipients,
    /// transfers and security measures, rendered by <see cref="Model.DataMap"/>.</summary>
    public RecordOfProcessingOptions RecordOfProcessing { get; } = new();
}
