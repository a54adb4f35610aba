namespace DataGuard.Subjects.Requests;

/// <summary>One step in a request's history, see <see cref="SubjectRequestChange"/>.</summary>
public enum SubjectRequestAction
{
    /// <summary>The request was received (status <see cref="SubjectRequestStatus.Received"/>).</summary>
    Received,

    /// <summary>The subject's identity was verified (status <see cref="SubjectRequestStatus.IdentityVerified"/>).</summary>
    IdentityVerified,

    /// <summary>Work on the request started (status <see cref="SubjectRequestStatus.InProgress"/>).</summary>
    Started,

    /// <summary>The request was carried out (status <see cref="SubjectRequestStatus.Completed"/>).</summary>
    Completed,

    /// <summary>The request was refused (status <see cref="SubjectRequestStatus.Rejected"/>); the change holds the reason.</summary>
    Rejected,

    /// <summary>The deadline was extended once (GDPR Art. 12(3)); the status is unchanged and the change holds the reason.</summary>
    DeadlineExtended,
}
