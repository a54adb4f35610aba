using System.Globalization;
using DataGuard.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataGuard.Subjects.Requests;

/// <summary>Enforces the request lifecycle over an <see cref="ISubjectRequestStore"/>; holds no state of its own.</summary>
internal sealed class SubjectRequestService(
    ISubjectRequestStore store,
    IOptions<DataGuardOptions> options,
    IAuditTrail auditTrail,
    TimeProvider timeProvider,
    ILoggerFactory? loggerFactory = null,
    SubjectIdCanonicalizer? subjectIds = null) : ISubjectRequestService
{
    internal const int MaxActorLength = 200;
    internal const int MaxReasonLength = 500;
    internal const string EntityType = "SubjectRequest";

    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SubjectRequestService>();
    private readonly SubjectRequestOptions _options = options.Value.Requests;

    public async Task<SubjectRequest> ReceiveAsync(SubjectId subjectId, SubjectRequestKind kind, string actor, CancellationToken cancellationToken = default)
    {
        subjectId = Canonical(subjectId);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException($"{kind} is not a SubjectRequestKind.", nameof(kind));
        }

        CheckText(actor, MaxActorLength, nameof(actor));
        var now = timeProvider.GetUtcNow();
        var request = new SubjectRequest
        {
            Id = Guid.NewGuid(),
            SubjectId = subjectId,
            Kind = kind,
            Status = SubjectRequestStatus.Received,
            ReceivedAt = now,
            DueAt = now + _options.ResponseTime,
            History = [new SubjectRequestChange { Action = SubjectRequestAction.Received, At = now, Actor = actor }],
        };
        await store.AddAsync(request, cancellationToken).ConfigureAwait(false);
        SubjectRequestLog.Received(_logger, request.Id, kind, request.DueAt);
        await AuditAsync(request, AuditActions.SubjectRequestReceived, cancellationToken).ConfigureAwait(false);
        return request;
    }

    public async Task<SubjectRequest?> FindAsync(Guid requestId, CancellationToken cancellationToken = default)
        => await store.FindAsync(requestId, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<SubjectRequest>> GetForSubjectAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
        => await store.GetForSubjectAsync(Canonical(subjectId), cancellationToken).ConfigureAwait(false);

    /// <summary>The model's one spelling of the id (default and foreign ids are refused), so a request received under
    /// one spelling is in the history of every other.</summary>
    private SubjectId Canonical(SubjectId subjectId) => (subjectIds ?? SubjectIdCanonicalizer.AsGiven).Canonicalize(subjectId, nameof(subjectId));

    public async Task<IReadOnlyList<SubjectRequest>> GetOverdueAsync(CancellationToken cancellationToken = default)
        => await store.GetOverdueAsync(timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);

    public Task<SubjectRequest> VerifyIdentityAsync(SubjectRequest request, string actor, CancellationToken cancellationToken = default)
        => TransitionAsync(request, SubjectRequestTransition.VerifyIdentity, actor, null, cancellationToken);

    public Task<SubjectRequest> StartAsync(SubjectRequest request, string actor, CancellationToken cancellationToken = default)
        => TransitionAsync(request, SubjectRequestTransition.Start, actor, null, cancellationToken);

    public Task<SubjectRequest> CompleteAsync(SubjectRequest request, string actor, CancellationToken cancellationToken = default)
        => TransitionAsync(request, SubjectRequestTransition.Complete, actor, null, cancellationToken);

    public Task<SubjectRequest> RejectAsync(SubjectRequest request, string reason, string actor, CancellationToken cancellationToken = default)
    {
        CheckText(reason, MaxReasonLength, nameof(reason));
        return TransitionAsync(request, SubjectRequestTransition.Reject, actor, reason, cancellationToken);
    }

    public async Task<SubjectRequest> ExtendDeadlineAsync(
        SubjectRequest request,
        TimeSpan extension,
        string reason,
        string actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (extension <= TimeSpan.Zero || extension > _options.MaxExtension)
        {
            throw new ArgumentOutOfRangeException(nameof(extension), extension, "A deadline extension must be more than zero and at " +
                $"most {_options.MaxExtension.TotalDays:0.##} days (DataGuardOptions.Requests.MaxExtension).");
        }

        CheckText(reason, MaxReasonLength, nameof(reason));
        CheckText(actor, MaxActorLength, nameof(actor));
        if (!request.IsOpen)
        {
            throw new SubjectRequestStateException(request.Id, request.Status, $"Subject request {request.Id} is {request.Status}; only an open request's " +
                "deadline can be extended.");
        }

        if (request.IsExtended)
        {
            throw new SubjectRequestStateException(request.Id, request.Status, $"Subject request {request.Id}'s deadline was already extended; it can be " +
                "extended once (GDPR Art. 12(3)).");
        }

        var changed = Next(request, request.Status, request.DueAt + extension, SubjectRequestAction.DeadlineExtended, actor, reason);
        return await SaveAsync(request, changed, AuditActions.SubjectRequestExtended, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One status change: <see cref="SubjectRequestTransition.From"/> is the only status that allows it, or
    /// null for "any open status" (rejection).</summary>
    private async Task<SubjectRequest> TransitionAsync(
        SubjectRequest request,
        SubjectRequestTransition transition,
        string actor,
        string? reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckText(actor, MaxActorLength, nameof(actor));
        var allowed = transition.From is { } required ? request.Status == required : request.IsOpen;
        if (!allowed)
        {
            var expected = transition.From is { } status ? $"only a {status} request" : "only an open request";
            throw new SubjectRequestStateException(request.Id, request.Status, $"Subject request {request.Id} is {request.Status}; it cannot " +
                $"become {transition.To}: {expected} can.");
        }

        return await SaveAsync(
            request,
            Next(request, transition.To, request.DueAt, transition.Action, actor, reason),
            transition.AuditAction,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<SubjectRequest> SaveAsync(SubjectRequest request, SubjectRequest changed, string auditAction, CancellationToken cancellationToken)
    {
        var action = changed.History[^1].Action;
        if (!await store.TryUpdateAsync(changed, request.Version, cancellationToken).ConfigureAwait(false))
        {
            SubjectRequestLog.Conflict(_logger, request.Id, action, request.Version);
            throw new SubjectRequestConcurrencyException(request.Id, request.Version);
        }

        SubjectRequestLog.Changed(_logger, changed.Id, changed.Kind, action, changed.Status);
        await AuditAsync(changed, auditAction, cancellationToken).ConfigureAwait(false);
        return changed;
    }

    private SubjectRequest Next(
        SubjectRequest request,
        SubjectRequestStatus status,
        DateTimeOffset dueAt,
        SubjectRequestAction action,
        string actor,
        string? reason) => new()
    {
        Id = request.Id,
        SubjectId = request.SubjectId,
        Kind = request.Kind,
        Status = status,
        ReceivedAt = request.ReceivedAt,
        DueAt = dueAt,
        History = [.. request.History, new SubjectRequestChange { Action = action, At = timeProvider.GetUtcNow(), Actor = actor, Reason = reason }],
    };

    /// <summary>The audit entry names the request, its kind and status; reasons and actors stay out (the trail adds its
    /// own actor), since free text could carry personal data.</summary>
    private ValueTask AuditAsync(SubjectRequest request, string action, CancellationToken cancellationToken) =>
        auditTrail.RecordAsync(
            new AuditEvent(action)
            {
                SubjectId = request.SubjectId,
                EntityType = EntityType,
                EntityKey = request.Id.ToString("D"),
                Details = string.Create(CultureInfo.InvariantCulture, $"{request.Kind} request, status {request.Status}, " +
                    $"due {request.DueAt.UtcDateTime:yyyy-MM-dd}"),
            },
            cancellationToken);

    private static void CheckText(string value, int maxLength, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        if (value.Length > maxLength)
        {
            throw new ArgumentException($"{parameterName} has at most {maxLength} characters.", parameterName);
        }
    }
}
