using DataGuard.Consent;
using DataGuard.Encryption;
using DataGuard.Model;

namespace DataGuard;

/// <summary>
/// The one place that decides which exception each kind of failure throws (docs/contributing.md, "Which exception").
/// Failures with a dedicated type that carries what went wrong (<see cref="DataGuardCryptoException"/>,
/// <see cref="ConsentRequiredException"/>, <see cref="DataGuardModelException"/>, the subject-request state and
/// concurrency exceptions) are created through their constructors; the rest go through here. Messages name entities,
/// properties, purposes, key ids and the call that fixes the problem, never a personal value or key material.
/// </summary>
internal static class DataGuardErrors
{
    /// <summary>A service cannot be built because the application did not make the call or registration it needs:
    /// found when the service is first resolved, like the container's own "no service registered" errors.</summary>
    /// <param name="message">What needs what, and the call that fixes it.</param>
    public static InvalidOperationException MissingRegistration(string message) => new(message);

    /// <summary>A setting that cannot work, found only while DataGuard handles a value (a masker name, a pseudonym
    /// key): a <see cref="DataGuardException"/>, because the caller handling data is the one that sees it.</summary>
    /// <param name="message">What is misconfigured, and the call that fixes it.</param>
    public static DataGuardException Misconfigured(string message) => new(message);

    /// <summary>Input DataGuard refuses to process: a document in the wrong format, an entry that breaks a rule it
    /// enforces.</summary>
    /// <param name="message">What was refused and why, naming no personal value.</param>
    /// <param name="innerException">The cause, if any.</param>
    public static DataGuardException Refused(string message, Exception? innerException = null) => new(message, innerException);
}
