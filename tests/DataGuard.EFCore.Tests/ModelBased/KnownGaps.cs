namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>Why an invariant is skipped today: the issue item whose fix has not landed, and a failing seed (replay with
/// DATAGUARD_MODEL_REPLAY and DATAGUARD_MODEL_GAPS=1; see <see cref="ModelProperty"/>). Remove the skip when the fix lands.</summary>
internal static class KnownGaps
{
    public const string ExportQueryFilters = "issue 20 (Proofs that tell the truth): query filters hide rows from export";

    public const string ErasureQueryFilters = "issue 20 (Proofs that tell the truth): query filters hide rows from erasure";

    public const string RetentionQueryFilters = "issue 20 (Proofs that tell the truth): query filters hide due rows from retention";

    public const string AuditSubjectPath = "issue 20 (Complete audit): rows reached through a subject path are audited without their subject";

    public const string ErasureCascadeCounts = "issue 20 (Proofs: reports count what the database did, dependents before principals): a dependent anonymised or shredded by erasure and then deleted by the cascade from its principal is reported as anonymised, or not at all when shredding is redone as anonymising";

    public const string RetentionCascade = "issue 20 (Proofs: order of work, dry run predicts the real run): retention deletes a principal before its dependents, the cascade deletes rows no report counts";

    public const string ErasureRestrict = "not in issue 20 yet: erasure of a principal whose anonymised or kept dependent has a Restrict foreign key throws the provider's exception";

    public const string OwnedExport = "not in issue 20 yet: owned types' personal values are not exported with their owner";

    public const string OwnedAudit = "not in issue 20 yet: an owned type with one owner is audited without the subject of its owner; one owned by several entity types is not audited at all";

    public const string OwnedErasure = "not in issue 20 yet: erasure that anonymises or shreds leaves the personal values of owned types";

    public const string OwnedRetention = "not in issue 20 yet: retention that anonymises leaves the personal values of owned types";

    public const string RetentionShredWithoutSubject = "not in issue 20 yet: retention Then = Shred leaves due rows without a subject unchanged and counts them nowhere";

    public const string RetentionTwoShredPolicies = "issue 20 (Proofs: the dry run predicts the real run) and not yet in it: when a second entity's Shred policy meets a subject already shredded in the same run, it skips the subject, so its due rows keep their clear personal fields and the real run counts fewer than the dry run";

    public const string ErasureDeletesRowsKeptByLaw = "issue 20 (Proofs: order of work from the model's foreign keys) and not yet in it: erasure keeps a principal only when its direct dependents have kept rows, so deleting a grandparent cascades through an anonymised parent and deletes rows a retention minimum keeps (the report says kept)";
}
