namespace DataGuard.Audit;

/// <summary>The actions DataGuard records on the audit trail, so that queries can filter on them.</summary>
public static class AuditActions
{
    /// <summary>A row with personal data was inserted.</summary>
    public const string EntityInserted = "entity.inserted";
    /// <summary>A row with personal data was updated.</summary>
    public const string EntityUpdated = "entity.updated";
    /// <summary>A row with personal data was deleted.</summary>
    public const string EntityDeleted = "entity.deleted";
    /// <summary>An <c>ExecuteUpdate</c> statement changed rows with personal data (set-based, outside SaveChanges).</summary>
    public const string EntitiesBulkUpdated = "entity.bulk-updated";
    /// <summary>An <c>ExecuteDelete</c> statement deleted rows with personal data (set-based, outside SaveChanges).</summary>
    public const string EntitiesBulkDeleted = "entity.bulk-deleted";
    /// <summary>A query returned personal data of one or more subjects.</summary>
    public const string DataRead = "data.read";
    /// <summary>A consent was granted.</summary>
    public const string ConsentGranted = "consent.granted";
    /// <summary>A consent was withdrawn.</summary>
    public const string ConsentWithdrawn = "consent.withdrawn";
    /// <summary>Processing of a subject's data was restricted (GDPR Art. 18).</summary>
    public const string ProcessingRestricted = "processing.restricted";
    /// <summary>A restriction of processing was lifted.</summary>
    public const string RestrictionLifted = "processing.restriction-lifted";
    /// <summary>A subject objected to processing for a purpose (GDPR Art. 21).</summary>
    public const string ProcessingObjected = "processing.objected";
    /// <summary>A new data-encryption key became active.</summary>
    public const string KeyRotated = "key.rotated";
    /// <summary>A data-encryption key was retired.</summary>
    public const string KeyRetired = "key.retired";
    /// <summary>A retired data-encryption key's material was destroyed.</summary>
    public const string KeyDestroyed = "key.destroyed";
    /// <summary>Data-encryption keys were wrapped again under the current key-encryption key.</summary>
    public const string KeysRewrapped = "key.rewrapped";
    /// <summary>A data subject's key was destroyed (crypto-shredding).</summary>
    public const string SubjectShredded = "subject.shredded";
    /// <summary>Encrypted columns were re-encrypted to the active key.</summary>
    public const string DataReencrypted = "data.reencrypted";
    /// <summary>A retention run happened.</summary>
    public const string RetentionRun = "retention.run";
    /// <summary>A retention batch deleted or anonymised rows of one entity.</summary>
    public const string RetentionBatch = "retention.batch";
    /// <summary>A legal hold was placed on a subject or an entity type.</summary>
    public const string LegalHoldPlaced = "legal-hold.placed";
    /// <summary>A legal hold was released.</summary>
    public const string LegalHoldReleased = "legal-hold.released";
    /// <summary>A subject's data was exported (GDPR Art. 15, 20).</summary>
    public const string SubjectExported = "subject.exported";
    /// <summary>A subject's data was erased (GDPR Art. 17).</summary>
    public const string SubjectErased = "subject.erased";

    /// <summary>A data subject's personal field was corrected (property names only, never the value).</summary>
    public const string SubjectRectified = "subject.rectified";
    /// <summary>A data-subject request was received.</summary>
    public const string SubjectRequestReceived = "subject-request.received";
    /// <summary>A data-subject request's requester was verified to be the subject.</summary>
    public const string SubjectRequestVerified = "subject-request.identity-verified";
    /// <summary>Work on a data-subject request started.</summary>
    public const string SubjectRequestStarted = "subject-request.started";
    /// <summary>A data-subject request was carried out.</summary>
    public const string SubjectRequestCompleted = "subject-request.completed";
    /// <summary>A data-subject request was rejected.</summary>
    public const string SubjectRequestRejected = "subject-request.rejected";
    /// <summary>A data-subject request's deadline was extended (GDPR Art. 12(3)).</summary>
    public const string SubjectRequestExtended = "subject-request.extended";
}
