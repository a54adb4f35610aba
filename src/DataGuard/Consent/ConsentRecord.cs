using DataGuard.Subjects;

namespace DataGuard.Consent;

/// <summary>
/// One entry in a data subject's consent history: a grant, withdrawal, objection, restriction or lifted restriction.
/// Records are append-only; the current state is derived from them, and the history is kept as proof
/// (GDPR Art. 7(1): the controller must be able to demonstrate consent).
/// </summary>
public sealed class ConsentRecord
{
    /// <summary>The purpose of records that concern all of a subject's processing (restriction and its lifting).</summary>
    public const string AllPurposes = "*";

    /// <summary>The data subject the record is about.</summary>
    public required SubjectId SubjectId { get; init; }

    /// <summary>The purpose's declared name, or <see cref="AllPurposes"/> for a restriction or its lifting.</summary>
    public required string Purpose { get; init; }

    /// <summary>What happened.</summary>
    public required ConsentRecordKind Kind { get; init; }

    /// <summary>When it was recorded, in UTC, from the registered <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The version of the privacy notice the subject was shown, for grants.</summary>
    public string? NoticeVersion { get; init; }

    /// <summary>When a grant stops counting, or <see langword="null"/> when it lasts until withdrawn.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Where the record came from, for example <see cref="ConsentSources.WebForm"/>.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Proof supplied by the host application (free text or JSON: form id, checkbox wording, a hashed address from
    /// <see cref="ConsentEvidence.Hash(string, ReadOnlySpan{byte})"/>). DataGuard stores it but never logs it.
    /// </summary>
    public string? Evidence { get; init; }

    /// <summary>Who recorded it: the subject, a support agent, an import job.</summary>
    public string? Actor { get; init; }
}
