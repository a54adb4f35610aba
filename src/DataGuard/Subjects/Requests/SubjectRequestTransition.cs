using DataGuard.Audit;

namespace DataGuard.Subjects.Requests;

/// <summary>One status change of the request lifecycle: the only status that allows it (null for "any open status"),
/// the status it leads to, the history action it records and the audit action it writes.</summary>
internal readonly record struct SubjectRequestTransition(SubjectRequestStatus? From, SubjectRequestStatus To, SubjectRequestAction Action, string AuditAction)
{
    public static SubjectRequestTransition VerifyIdentity { get; } = new(
        SubjectRequestStatus.Received, SubjectRequestStatus.IdentityVerified, SubjectRequestAction.IdentityVerified, AuditActions.SubjectRequestVerified);

    public static SubjectRequestTransition Start { get; } = new(
        SubjectRequestStatus.IdentityVerified, SubjectRequestStatus.InProgress, SubjectRequestAction.Started, AuditActions.SubjectRequestStarted);

    public static SubjectRequestTransition Complete { get; } = new(
        SubjectRequestStatus.InProgress, SubjectRequestStatus.Completed, SubjectRequestAction.Completed, AuditActions.SubjectRequestCompleted);

    public static SubjectRequestTransition Reject { get; } = new(
        null, SubjectRequestStatus.Rejected, SubjectRequestAction.Rejected, AuditActions.SubjectRequestRejected);
}
