using DataGuard.Audit;

namespace DataGuard.Consent;

/// <summary>A consent record that is appended only when it changes the subject's state: the kind it records, whether
/// the latest record for the purpose makes it a change, and the audit action that records it.</summary>
internal sealed record ConsentChange(ConsentRecordKind Kind, Func<ConsentRecord?, bool> Changes, string AuditAction)
{
    public static readonly ConsentChange Withdrawal =
        new(ConsentRecordKind.Withdrawn, static latest => latest?.Kind == ConsentRecordKind.Granted, AuditActions.ConsentWithdrawn);

    public static readonly ConsentChange Objection =
        new(ConsentRecordKind.Objected, static latest => latest?.Kind != ConsentRecordKind.Objected, AuditActions.ProcessingObjected);

    public static readonly ConsentChange Restriction =
        new(ConsentRecordKind.Restricted, static latest => latest?.Kind != ConsentRecordKind.Restricted, AuditActions.ProcessingRestricted);

    public static readonly ConsentChange LiftRestriction =
        new(ConsentRecordKind.RestrictionLifted, static latest => latest?.Kind == ConsentRecordKind.Restricted, AuditActions.RestrictionLifted);
}
