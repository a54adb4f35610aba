namespace DataGuard.Subjects;

/// <summary>An export package could not be written or read: it is not a DataGuard export package, it is damaged, or it
/// exceeds a limit. The message names the file or limit, never a personal value.</summary>
public sealed class SubjectExportException : DataGuardException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, without personal data.</param>
    public SubjectExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong, without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public SubjectExportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
