using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography.X509Certificates;
using DataGuard.Model;

namespace DataGuard.Audit;

/// <summary>Settings of the audit trail, configured through <c>AddAuditing(o =&gt; …)</c> and validated at start-up.</summary>
public sealed class AuditOptions
{
    /// <summary>The certificate that signs checkpoints (with its private key) and verifies them. Optional until
    /// checkpoints are used.</summary>
    public X509Certificate2? CheckpointCertificate { get; set; }

    /// <summary>Whether inserts, updates and deletes also record the old and new values of the personal properties that
    /// changed, each masked with its property's mask (never in clear, also for encrypted properties). Off by default;
    /// needs <c>AddMasking()</c>. Choose masks that hide enough (for example <c>MaskStyle.Pseudonym</c> to see that a
    /// value changed without seeing it): the masked text is kept as long as the audit trail.</summary>
    public bool RecordMaskedValues { get; set; }

    /// <summary>Whether every query that returns personal data is audited (read-access audit). Off by default.</summary>
    public bool AuditAllReads { get; set; }

    /// <summary>The entity types whose reads are audited when <see cref="AuditAllReads"/> is off.</summary>
    public ISet<Type> AuditReadsOf { get; } = new HashSet<Type>();

    /// <summary>How many read records may wait for the background writer before queries wait for it (back-pressure,
    /// logged). 1 to 1,000,000; 10,000 unless set.</summary>
    [Range(1, 1_000_000)]
    public int ReadQueueCapacity { get; set; } = 10_000;

    /// <summary>How many read records the background writer appends per transaction. 1 to 10,000; 200 unless set.</summary>
    [Range(1, 10_000)]
    public int ReadBatchSize { get; set; } = 200;
}
