using DataGuard.Audit;
using DataGuard.Diagnostics;
using DataGuard.Purposes;
using DataGuard.Subjects;
using DataGuard.Subjects.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataGuard.Consent;

/// <summary>Derives consent state from the store's records at call time; holds no state of its own, so nothing can
/// serve a withdrawn consent from a cache. (Purpose scopes cache states in <see cref="PurposeConsentCache"/>, which
/// every record written here clears for its subject.)</summary>
internal sealed class ConsentService(
    IConsentStore store,
    IOptions<DataGuardOptions> options,
    ConsentEffects effects,
    TimeProvider timeProvider,
    ILoggerFactory? loggerFactory = null,
    SubjectIdCanonicalizer? subjectIds = null) : IConsentService
{
    private const int MaxSourceLength = 100;
    private const int MaxActorLength = 200;
    private const int MaxNoticeLength = 100;

    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ConsentService>();
    private readonly PurposeCollection _purposes = options.Value.Purposes;

    public async Task<ConsentRecord> GrantAsync(SubjectId subjectId, string purpose, ConsentDetails? details = null,
        CancellationToken cancellationToken = default)
    {
        var declared = Declared(purpose);
        Validate(details);
        var now = timeProvider.GetUtcNow();
        var record = new ConsentRecord
        {
            SubjectId = Valid(subjectId),
            Purpose = declared.Name,
            Kind = ConsentRecordKind.Granted,
            RecordedAt = now,
            NoticeVersion = details?.NoticeVersion ?? declared.NoticeVersion,
            ExpiresAt = details?.ExpiresAt?.ToUniversalTime() ?? (declared.DefaultExpiry is { } expiry ? now + expiry : null),
            Source = details?.Source,
            Evidence = details?.Evidence,
            Actor = details?.Actor ?? AmbientActor(),
        };
        await AppendAsync(record, AuditActions.ConsentGranted, cancellationToken).ConfigureAwait(false);
        return record;
    }

    public Task<bool> WithdrawAsync(SubjectId subjectId, string purpose, ConsentDetails? details = null, CancellationToken cancellationToken = default)
        => RecordIfChangedAsync(subjectId, Declared(purpose).Name, ConsentChange.Withdrawal, details, cancellationToken);

    public Task<bool> ObjectAsync(SubjectId subjectId, string purpose, ConsentDetails? details = null, CancellationToken cancellationToken = default)
        => RecordIfChangedAsync(subjectId, Declared(purpose).Name, ConsentChange.Objection, details, cancellationToken);

    public Task<bool> RestrictAsync(SubjectId subjectId, ConsentDetails? details = null, CancellationToken cancellationToken = default)
        => RecordIfChangedAsync(subjectId, ConsentRecord.AllPurposes, ConsentChange.Restriction, details, cancellationToken);

    public Task<bool> LiftRestrictionAsync(SubjectId subjectId, ConsentDetails? details = null, CancellationToken cancellationToken = default)
        => RecordIfChangedAsync(subjectId, ConsentRecord.AllPurposes, ConsentChange.LiftRestriction, details, cancellationToken);

    public async Task<IReadOnlyList<ConsentState>> GetAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        var history = await store.GetHistoryAsync(Valid(subjectId), cancellationToken).ConfigureAwait(false);
        var restriction = LastFor(history, ConsentRecord.AllPurposes);
        var now = timeProvider.GetUtcNow();
        var states = new List<ConsentState>(_purposes.Count);
        foreach (var purpose in _purposes)
        {
            states.Add(Evaluate(purpose, LastFor(history, purpose.Name), restriction, now));
        }

        return states;
    }

    public async Task<ConsentState> GetAsync(SubjectId subjectId, string purpose, CancellationToken cancellationToken = default)
    {
        var declared = Declared(purpose);
        var latest = await store.GetLatestAsync(Valid(subjectId), declared.Name, cancellationToken).ConfigureAwait(false);
        ConsentRecord? forPurpose = null, restriction = null;
        foreach (var record in latest)
        {
            if (string.Equals(record.Purpose, ConsentRecord.AllPurposes, StringComparison.Ordinal))
            {
                restriction = record;
            }
            else
            {
                forPurpose = record;
            }
        }

        return Evaluate(declared, forPurpose, restriction, timeProvider.GetUtcNow());
    }

    public async Task<IReadOnlyList<ConsentRecord>> GetHistoryAsync(SubjectId subjectId, string? purpose = null, CancellationToken cancellationToken = default)
    {
        var name = purpose is null ? null : Declared(purpose).Name;
        var history = await store.GetHistoryAsync(Valid(subjectId), cancellationToken).ConfigureAwait(false);
        return name is null ? history : [.. history.Where(r => string.Equals(r.Purpose, name, StringComparison.Ordinal))];
    }

    public async Task<bool> HasConsentAsync(SubjectId subjectId, string purpose, CancellationToken cancellationToken = default)
        => Diagnostics.DataGuardMetrics.ConsentChecked(await GetAsync(subjectId, purpose, cancellationToken).ConfigureAwait(false)).IsAllowed;

    public async Task EnsureConsentAsync(SubjectId subjectId, string purpose, CancellationToken cancellationToken = default)
    {
        var state = Diagnostics.DataGuardMetrics.ConsentChecked(await GetAsync(subjectId, purpose, cancellationToken).ConfigureAwait(false));
        if (!state.IsAllowed)
        {
            ConsentLog.Refused(_logger, state.Purpose, state.Status);
            throw new ConsentRequiredException(state.Purpose, state.Status);
        }
    }

    /// <summary>The state rules, in GDPR order: a restriction (Art. 18) stops everything but legal obligations; an
    /// objection (Art. 21(1)) stops public-task and legitimate-interest processing; withdrawal (Art. 7(3)), expiry and a
    /// changed notice stop consent-based processing.</summary>
    internal static ConsentState Evaluate(Purpose purpose, ConsentRecord? latest, ConsentRecord? restriction, DateTimeOffset now)
    {
        var lastGrant = latest?.Kind == ConsentRecordKind.Granted ? latest : null;
        if (restriction?.Kind == ConsentRecordKind.Restricted && purpose.LawfulBasis != LawfulBasis.LegalObligation)
        {
            return new ConsentState(purpose, ConsentStatus.Restricted, lastGrant);
        }

        if (!purpose.RequiresConsent)
        {
            var objectable = purpose.LawfulBasis is LawfulBasis.LegitimateInterests or LawfulBasis.PublicTask;
            var status = objectable && latest?.Kind == ConsentRecordKind.Objected ? ConsentStatus.Objected : ConsentStatus.NotRequired;
            return new ConsentState(purpose, status, lastGrant);
        }

        var consentStatus = latest?.Kind switch
        {
            null => ConsentStatus.Absent,
            ConsentRecordKind.Withdrawn => ConsentStatus.Withdrawn,
            ConsentRecordKind.Objected => ConsentStatus.Objected,
            ConsentRecordKind.Granted when latest.ExpiresAt is { } expiresAt && expiresAt <= now => ConsentStatus.Expired,
            ConsentRecordKind.Granted when !purpose.AcceptsOlderNotices
                && !string.Equals(latest.NoticeVersion, purpose.NoticeVersion, StringComparison.Ordinal) => ConsentStatus.OutdatedNotice,
            ConsentRecordKind.Granted => ConsentStatus.Granted,
            _ => ConsentStatus.Absent,
        };
        return new ConsentState(purpose, consentStatus, lastGrant);
    }

    private async Task<bool> RecordIfChangedAsync(SubjectId subjectId, string purpose, ConsentChange change, ConsentDetails? details,
        CancellationToken cancellationToken)
    {
        Validate(details);
        subjectId = Valid(subjectId);
        var latest = await store.GetLatestAsync(subjectId, purpose, cancellationToken).ConfigureAwait(false);
        if (!change.Changes(latest.FirstOrDefault(r => string.Equals(r.Purpose, purpose, StringComparison.Ordinal))))
        {
            ConsentLog.Unchanged(_logger, change.Kind, purpose);
            return false;
        }

        var record = new ConsentRecord
        {
            SubjectId = subjectId,
            Purpose = purpose,
            Kind = change.Kind,
            RecordedAt = timeProvider.GetUtcNow(),
            Source = details?.Source,
            Evidence = details?.Evidence,
            Actor = details?.Actor ?? AmbientActor(),
        };
        await AppendAsync(record, change.AuditAction, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Who is acting in the current audit context (the signed-in user in ASP.NET Core), so that a record made
    /// by staff for a subject says who made it; cut to the stored length.</summary>
    private string? AmbientActor()
        => effects.AuditContext?.Actor is { } actor && actor.Length > MaxActorLength ? actor[..MaxActorLength] : effects.AuditContext?.Actor;

    private async Task AppendAsync(ConsentRecord record, string auditAction, CancellationToken cancellationToken)
    {
        await store.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        ConsentChanges.Increment();
        effects.PurposeConsentCache?.Forget(record.SubjectId);
        if (effects.SubjectEvents is { } subjectEvents && ToSubjectEvent(record.Kind) is { } what)
        {
            await subjectEvents.RaiseAsync(record.SubjectId, what, cancellationToken).ConfigureAwait(false);
        }

        ConsentLog.Recorded(_logger, record.Kind, record.Purpose);
        await effects.AuditTrail.RecordAsync(
            new AuditEvent(auditAction)
            {
                SubjectId = record.SubjectId,
                Purpose = record.Purpose == ConsentRecord.AllPurposes ? null : record.Purpose,
                Details = record.Kind == ConsentRecordKind.Granted ? $"notice {record.NoticeVersion ?? "none"}, source {record.Source ?? "none"}"
                    : $"source {record.Source ?? "none"}",
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static ConsentRecord? LastFor(IReadOnlyList<ConsentRecord> history, string purpose)
        => history.LastOrDefault(r => string.Equals(r.Purpose, purpose, StringComparison.Ordinal));

    private Purpose Declared(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return _purposes.Find(purpose) ?? throw new ArgumentException($"Purpose '{purpose}' is not declared; add it with services.AddDataGuard(o => " +
            $"o.Purposes.Add(\"{purpose}\", …)).", nameof(purpose));
    }

    /// <summary>The model's one spelling of the id, so every spelling of a subject keys the same records.</summary>
    private SubjectId Valid(SubjectId subjectId) => (subjectIds ?? SubjectIdCanonicalizer.AsGiven).Canonicalize(subjectId, nameof(subjectId));

    private static void Validate(ConsentDetails? details)
    {
        if (details is null)
        {
            return;
        }

        if (details.Source?.Length > MaxSourceLength)
        {
            throw new ArgumentException($"ConsentDetails.Source has at most {MaxSourceLength} characters.", nameof(details));
        }

        if (details.Actor?.Length > MaxActorLength)
        {
            throw new ArgumentException($"ConsentDetails.Actor has at most {MaxActorLength} characters.", nameof(details));
        }

        if (details.NoticeVersion?.Length > MaxNoticeLength)
        {
            throw new ArgumentException($"ConsentDetails.NoticeVersion has at most {MaxNoticeLength} characters.", nameof(details));
        }
    }

    private static SubjectEvent? ToSubjectEvent(ConsentRecordKind kind) => kind switch
    {
        ConsentRecordKind.Withdrawn => SubjectEvent.ConsentWithdrawn,
        ConsentRecordKind.Objected => SubjectEvent.Objected,
        ConsentRecordKind.Restricted => SubjectEvent.Restricted,
        _ => null,
    };
}
