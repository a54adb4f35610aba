namespace DataGuard;

/// <summary>A purpose for which the application processes personal data, declared in <see cref="DataGuardOptions.Purposes"/>.</summary>
public sealed class Purpose
{
    internal Purpose(string name, LawfulBasis lawfulBasis, string? noticeVersion, string? description)
    {
        Name = name;
        LawfulBasis = lawfulBasis;
        NoticeVersion = noticeVersion;
        Description = description;
    }

    /// <summary>The purpose's name, used in code, audit entries and consent records (for example "marketing").</summary>
    public string Name { get; }

    /// <summary>What the data is processed for, in words a data subject understands.</summary>
    public string? Description { get; set; }

    /// <summary>The lawful basis for the processing.</summary>
    public LawfulBasis LawfulBasis { get; set; }

    /// <summary>The version of the privacy notice currently shown for this purpose (for example "2026-11").</summary>
    public string? NoticeVersion { get; set; }

    /// <summary>Whether a consent given under an older notice version still counts. Defaults to <see langword="false"/>:
    /// a changed notice asks again.</summary>
    public bool AcceptsOlderNotices { get; set; }

    /// <summary>How long a consent lasts unless the grant says otherwise; <see langword="null"/> means until withdrawn.</summary>
    public TimeSpan? DefaultExpiry { get; set; }

    /// <summary>Whether processing needs an explicit consent in force: only purposes on a consent basis do.</summary>
    public bool RequiresConsent => LawfulBasis == LawfulBasis.Consent;
}
