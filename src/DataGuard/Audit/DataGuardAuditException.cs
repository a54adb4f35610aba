namespace DataGuard.Audit;

/// <summary>Thrown when stored audit data (a signed checkpoint, a chain entry) cannot be read or does not verify, or
/// when an event cannot be recorded.
/// The message says what is wrong with the data, never what personal data it concerns.</summary>
public sealed class DataGuardAuditException : DataGuardException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, without personal data.</param>
    public DataGuardAuditException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public DataGuardAuditException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
