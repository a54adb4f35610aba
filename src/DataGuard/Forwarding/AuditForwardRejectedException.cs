namespace DataGuard.Forwarding;

/// <summary>Thrown by an <see cref="IAuditForwarder"/> when its destination refuses entries for good (for example an HTTP
/// 4xx other than 408 and 429): retrying the same entries will not help.</summary>
public sealed class AuditForwardRejectedException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the destination refused the entries, without entry content.</param>
    public AuditForwardRejectedException(string message)
        : base(message)
    {
    }
}
