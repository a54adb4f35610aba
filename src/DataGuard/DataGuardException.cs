namespace DataGuard;

/// <summary>The base of every exception DataGuard throws for its own failures. Messages name entities, properties,
/// purposes or key ids, never a personal value or key material.</summary>
public class DataGuardException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, without personal data.</param>
    public DataGuardException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public DataGuardException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
