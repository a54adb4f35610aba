namespace DataGuard.Consent;

/// <summary>
/// Thrown by <see cref="IConsentService.EnsureConsentAsync"/> when processing for a purpose may not go ahead. The
/// message names the purpose and the reason, never the subject or any personal data.
/// </summary>
public sealed class ConsentRequiredException : DataGuardException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="purpose">The purpose's name.</param>
    /// <param name="reason">Why processing may not go ahead; not <see cref="ConsentStatus.Granted"/> or
    /// <see cref="ConsentStatus.NotRequired"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is null or empty.</exception>
    public ConsentRequiredException(string purpose, ConsentStatus reason)
        : base(CreateMessage(purpose, reason))
    {
        Purpose = purpose;
        Reason = reason;
    }

    /// <summary>The purpose for which processing was refused.</summary>
    public string Purpose { get; }

    /// <summary>Why: absent, withdrawn, expired, outdated notice, restricted or objected.</summary>
    public ConsentStatus Reason { get; }

    private static string CreateMessage(string purpose, ConsentStatus reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return $"Processing for purpose '{purpose}' may not go ahead: {ConsentStatusText.Describe(reason)} ({ConsentStatusText.ToCode(reason)}).";
    }
}
