using DataGuard.Consent;
using DataGuard.Diagnostics;
using DataGuard.Encryption;
using DataGuard.Model.DataMaps;
using DataGuard.Model.Processing;
using DataGuard.Purposes;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.Extensions.Options;

namespace DataGuard;

/// <summary>DataGuard's settings, configured through <c>services.AddDataGuard(o =&gt; …)</c> and validated at start-up.</summary>
public sealed class DataGuardOptions
{
    /// <summary>The purposes for which the application processes personal data (GDPR Art. 5(1)(b), 30(1)(b)).</summary>
    public PurposeCollection Purposes { get; } = new();

    /// <summary>Field encryption: migration mode, blind-index normalisation, key refresh and re-encryption batches.</summary>
    [ValidateObjectMembers]
    public EncryptionOptions Encryption { get; } = new();

    /// <summary>Retention: batch size, the retention job's interval and its lease duration.</summary>
    [ValidateObjectMembers]
    public RetentionOptions Retention { get; } = new();

    /// <summary>Data-subject requests: how long the answer may take and how far a deadline can be extended.</summary>
    [ValidateObjectMembers]
    public DataGuard.Subjects.Requests.SubjectRequestOptions Requests { get; } = new();

    /// <summary>Data-subject rights: the certificate that signs export packages, and erasure's SQLite vacuum.</summary>
    public Subjects.SubjectRightsOptions SubjectRights { get; } = new();

    /// <summary>Purpose limitation: what a purpose scope does with personal fields its purpose may not use.</summary>
    [ValidateObjectMembers]
    public PurposeLimitationOptions PurposeLimitation { get; } = new();

    /// <summary>The record of processing (GDPR Art. 30(1)): controller, DPO, categories of data subjects, recipients,
    /// transfers and security measures, rendered by <see cref="DataGuard.Model.DataMaps.DataMap"/>.</summary>
    public RecordOfProcessingOptions RecordOfProcessing { get; } = new();

    /// <summary>Data residency: the regions data is stored in and each tenant's region (docs/tenants.md#residency).</summary>
    public Tenants.Residency.ResidencyOptions Residency { get; } = new();

    /// <summary>Operations: health-check thresholds and audit forwarding.</summary>
    [ValidateObjectMembers]
    public Diagnostics.OperationsOptions Operations { get; } = new();

    /// <summary>The configuration section these options were bound from (<c>AddDataGuard(IConfiguration)</c>), so that
    /// validation errors name the configuration path; <see langword="null"/> when configured in code only.</summary>
    internal string? ConfigurationPath { get; set; }

    /// <summary>Settings the configuration held that could not be bound, each naming its configuration path.</summary>
    internal List<string> ConfigurationErrors { get; } = [];

    /// <summary>The configuration path each purpose bound from configuration came from.</summary>
    internal Dictionary<Purpose, string> PurposePaths { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Names a setting in a validation error: <c>Retention.BatchSize</c>, or its configuration path
    /// (<c>DataGuard:Retention:BatchSize</c>) when the options were bound from configuration.</summary>
    internal string Setting(string dotted) => ConfigurationPath switch
    {
        null => dotted,
        "" => dotted.Replace('.', ':'),
        var path => path + ":" + dotted.Replace('.', ':'),
    };

    /// <summary>Names a purpose in a validation error: <c>Purposes: 'marketing'</c>, or with its configuration path.</summary>
    internal string PurposeLabel(Purpose purpose) => PurposePaths.TryGetValue(purpose, out var path)
        ? $"{path}: '{purpose.Name}'"
        : $"Purposes: '{purpose.Name}'";
}
