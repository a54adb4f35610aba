namespace DataGuard.Subjects.Requests;

/// <summary>
/// Where a data-subject request stands. The lifecycle is <see cref="Received"/> → <see cref="IdentityVerified"/> →
/// <see cref="InProgress"/> → <see cref="Completed"/>; an open request can instead end as <see cref="Rejected"/> with a
/// reason. <see cref="Completed"/> and <see cref="Rejected"/> are final.
/// </summary>
public enum SubjectRequestStatus
{
    /// <summary>Recorded; the subject's identity is not verified yet. The deadline runs from here.</summary>
    Received,

    /// <summary>The requester is verified to be the data subject (GDPR Art. 12(6)).</summary>
    IdentityVerified,

    /// <summary>The request is being carried out.</summary>
    InProgress,

    /// <summary>Carried out. Final.</summary>
    Completed,

    /// <summary>Refused, with a reason given to the subject (GDPR Art. 12(4)). Final.</summary>
    Rejected,
}
