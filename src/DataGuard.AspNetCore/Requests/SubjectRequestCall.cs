using DataGuard.AspNetCore.Subjects;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.AspNetCore.Requests;

/// <summary>One call of a working route, for the signed-in subject: the tracked request it opens or resumes, taken
/// through verification and start to the route's work.</summary>
internal sealed class SubjectRequestCall(HttpContext http, SubjectId subject)
{
    /// <summary>History actors for the changes the endpoints make.</summary>
    public const string SubjectActor = "subject";
    public const string VerifierActor = "verifier";
    public const string EndpointActor = "dataguard-endpoints";

    private readonly IServiceProvider _services = http.RequestServices;

    /// <summary>The signed-in subject.</summary>
    public SubjectId Subject => subject;

    public ISubjectRequestService Requests { get; } = http.RequestServices.GetRequiredService<ISubjectRequestService>();

    public ISubjectRightsService Rights => _services.GetRequiredService<ISubjectRightsService>();

    public TimeProvider Time => _services.GetRequiredService<TimeProvider>();

    public string Location(Guid requestId) =>
        _services.GetRequiredService<LinkGenerator>().GetPathByName(http, SubjectRequestEndpoints.GetRequestRouteName, new { id = requestId.ToString("D") })
        ?? throw new InvalidOperationException($"Route '{SubjectRequestEndpoints.GetRequestRouteName}' is not mapped.");

    /// <summary>Completes the request and answers 201 with its location and the completed request (or what
    /// <paramref name="body"/> makes of it).</summary>
    public async Task<IResult> CreatedAsync(SubjectRequest request, Func<SubjectRequestResponse, object>? body = null)
    {
        var completed = await Requests.CompleteAsync(request, EndpointActor, http.RequestAborted).ConfigureAwait(false);
        var response = SubjectRequestResponse.From(completed, Time.GetUtcNow());
        return Results.Created(Location(completed.Id), body is null ? response : body(response));
    }

    /// <summary>Runs a working route for the signed-in subject: the problem <see cref="SubjectClaims"/> gives when the user
    /// is no subject of the model, otherwise <see cref="RunAsync"/> with <paramref name="work"/>.</summary>
    public static async Task<IResult> ForSubjectAsync(
        HttpContext http,
        SubjectRequestKind kind,
        Func<SubjectRequest, bool> resumable,
        Func<SubjectRequestCall, SubjectRequest, Task<IResult>> work)
    {
        if (!SubjectClaims.TryGetSubject(http, out var subject, out var failure))
        {
            return failure!;
        }

        var call = new SubjectRequestCall(http, subject);
        return await call.RunAsync(kind, resumable, request => work(call, request)).ConfigureAwait(false);
    }

    /// <summary>Takes the subject's open request of <paramref name="kind"/> that <paramref name="resumable"/> accepts
    /// (or a new one) as far as it goes: verification, start, then <paramref name="work"/>, which completes it.</summary>
    public async Task<IResult> RunAsync(SubjectRequestKind kind, Func<SubjectRequest, bool> resumable, Func<SubjectRequest, Task<IResult>> work)
    {
        var ct = http.RequestAborted;
        var mine = await Requests.GetForSubjectAsync(subject, ct).ConfigureAwait(false);
        var request = mine.FirstOrDefault(r => r.Kind == kind && resumable(r))
                      ?? await Requests.ReceiveAsync(subject, kind, SubjectActor, ct).ConfigureAwait(false);
        try
        {
            if (request.Status == SubjectRequestStatus.Received)
            {
                var verification = await _services.GetRequiredService<ISubjectVerifier>().VerifyAsync(request, http.User, ct).ConfigureAwait(false);
                switch (verification.Outcome)
                {
                    case SubjectVerificationOutcome.Rejected:
                        var rejected = await Requests.RejectAsync(
                            request, verification.Reason ?? "Identity not verified.", VerifierActor, ct).ConfigureAwait(false);
                        return SubjectRequestProblems.NotVerified(rejected.Id, Location(rejected.Id), rejected.RejectionReason);
                    case SubjectVerificationOutcome.Pending:
                        return Results.Accepted(Location(request.Id), SubjectRequestResponse.From(request, Time.GetUtcNow()));
                    default:
                        request = await Requests.VerifyIdentityAsync(request, VerifierActor, ct).ConfigureAwait(false);
                        break;
                }
            }

            if (request.Status == SubjectRequestStatus.IdentityVerified)
            {
                request = await Requests.StartAsync(request, EndpointActor, ct).ConfigureAwait(false);
            }

            return await WorkAsync(request, work).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SubjectRequestConcurrencyException or SubjectRequestStateException)
        {
            DataSubjectEndpointLog.Conflict(Logger, request.Id);
            return SubjectRequestProblems.Conflict(request.Id);
        }
    }

    private ILogger Logger => _services.GetRequiredService<ILoggerFactory>().CreateLogger("DataGuard.AspNetCore.DataSubjectEndpoints");

    /// <summary>A failure of the work (including a client that goes away half-way) closes the request as failed:
    /// rejected with a reason that names the kind of failure, never its message, which may hold personal data, so no
    /// request stays in progress for ever; calling again opens a new request. The answer is ProblemDetails while the
    /// response has not started; once bytes of a package went out, the connection is aborted so no truncated file
    /// looks complete.</summary>
    private async Task<IResult> WorkAsync(SubjectRequest request, Func<SubjectRequest, Task<IResult>> work)
    {
#pragma warning disable CA1031 // Any failure of the host's rights service is logged, recorded on the request and answered as ProblemDetails or an abort.
        try
        {
            return await work(request).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (SubjectRequestConcurrencyException or SubjectRequestStateException))
        {
            DataSubjectEndpointLog.Failed(Logger, ex, request.Id, request.Kind);
            await CloseAsFailedAsync(request, ex).ConfigureAwait(false);
            if (http.RequestAborted.IsCancellationRequested)
            {
                return Results.Empty;
            }

            if (http.Response.HasStarted)
            {
                http.Abort();
                return Results.Empty;
            }

            return SubjectRequestProblems.Failed(request.Id, Location(request.Id));
        }
#pragma warning restore CA1031
    }

    /// <summary>Not cancelled with the request: a client that went away must not leave the request open.</summary>
    private async Task CloseAsFailedAsync(SubjectRequest request, Exception failure)
    {
        var kind = failure is OperationCanceledException && http.RequestAborted.IsCancellationRequested ? "the client disconnected" : failure.GetType().Name;
        try
        {
            await Requests.RejectAsync(
                request,
                $"Failed ({kind}): the request could not be carried out and was closed; submit it again.",
                EndpointActor,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SubjectRequestConcurrencyException or SubjectRequestStateException)
        {
            // Someone else changed or closed it meanwhile: their change stands.
            DataSubjectEndpointLog.Conflict(Logger, request.Id);
        }
    }
}
