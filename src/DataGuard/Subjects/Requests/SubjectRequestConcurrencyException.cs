namespace DataGuard.Subjects.Requests;

/// <summary>Thrown when a request changed (or disappeared) in the store after the snapshot a change was made from was
/// read: two changes raced and this one lost. Read the request again and decide anew.</summary>
public sealed class SubjectRequestConcurrencyException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="expectedVersion">The version the change was made from.</param>
    public SubjectRequestConcurrencyException(Guid requestId, int expectedVersion)
        : base($"Subject request {requestId} was changed by someone else after version {expectedVersion} was read (or no longer exists); read it again and " +
            "retry.")
    {
        RequestId = requestId;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The request.</summary>
    public Guid RequestId { get; }

    /// <summary>The version the change was made from.</summary>
    public int ExpectedVersion { get; }
}
