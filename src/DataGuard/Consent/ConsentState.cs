namespace DataGuard.Consent;

/// <summary>The current state of one purpose for one data subject, derived from the consent history.</summary>
public sealed class ConsentState
{
    internal ConsentState(Purpose purpose, ConsentStatus status, ConsentRecord? lastGrant)
    {
        Purpose = purpose.Name;
        LawfulBasis = purpose.LawfulBasis;
        CurrentNoticeVersion = purpose.NoticeVersion;
        Status = status;
        NoticeVersion = lastGrant?.NoticeVersion;
        GrantedAt = lastGrant?.RecordedAt;
        ExpiresAt = lastGrant?.ExpiresAt;
    }

    /// <summary>The purpose's declared name.</summary>
    public string Purpose { get; }

    /// <summary>The purpose's lawful basis.</summary>
    public LawfulBasis LawfulBasis { get; }

    /// <summary>Whether processing may go ahead, and if not, why.</summary>
    public ConsentStatus Status { get; }

    /// <summary>Whether processing for the purpose may go ahead: <see cref="ConsentStatus.Granted"/> or
    /// <see cref="ConsentStatus.NotRequired"/>.</summary>
    public bool IsAllowed => Status is ConsentStatus.Granted or ConsentStatus.NotRequired;

    /// <summary>The notice version the latest grant was given under, when the latest purpose record is a grant.</summary>
    public string? NoticeVersion { get; }

    /// <summary>The notice version currently shown for the purpose.</summary>
    public string? CurrentNoticeVersion { get; }

    /// <summary>When the latest grant was recorded, when the latest purpose record is a grant.</summary>
    public DateTimeOffset? GrantedAt { get; }

    /// <summary>When the latest grant expires, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; }
}
