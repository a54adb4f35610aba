namespace DataGuard.Subjects.Requests;

/// <summary>Thrown when a change does not fit the request's lifecycle: a transition its status does not allow, or a
/// second extension of its deadline. The message names the request id and statuses only.</summary>
public sealed class SubjectRequestStateException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="status">The request's status when the change was attempted.</param>
    /// <param name="message">What was attempted and what is allowed.</param>
    public SubjectRequestStateException(Guid requestId, SubjectRequestStatus status, string message)
        : base(message)
    {
        RequestId = requestId;
        Status = status;
    }

    /// <summary>The request.</summary>
    public Guid RequestId { get; }

    /// <summary>The request's status when the change was attempted.</summary>
    public SubjectRequestStatus Status { get; }
}
