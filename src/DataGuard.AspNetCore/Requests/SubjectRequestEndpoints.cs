using DataGuard.Subjects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace DataGuard.AspNetCore;

/// <summary>
/// The signed-in subject's request routes under <c>MapDataSubjectEndpoints</c>: export (GDPR Art. 15, 20), erasure
/// (Art. 17) and the status of their own requests. Every call that does work is a tracked request: received, verified
/// by the <see cref="ISubjectVerifier"/>, started and completed, so the subject and the staff see the same history.
/// </summary>
internal static class SubjectRequestEndpoints
{
    public const string GetRequestRouteName = "DataGuardGetSubjectRequest";

    /// <summary>History actors for the changes the endpoints make.</summary>
    private const string SubjectActor = "subject";
    private const string VerifierActor = "verifier";
    private const string EndpointActor = "dataguard-endpoints";

    public static void Map(IEndpointRouteBuilder group, DataSubjectEndpointOptions options)
    {
        group.MapGet("/me/export", (Func<HttpContext, Task<IResult>>)ExportAsync)
            .RequireRateLimiting(DataSubjectEndpointOptions.ExportRateLimitPolicy)
            .WithName("DataGuardExportMyData")
            .WithDisplayName("DataGuard: download my data");

        group.MapPost("/me/erasure", (Func<HttpContext, Task<IResult>>)EraseAsync)
            .RequireRateLimiting(DataSubjectEndpointOptions.ErasureRateLimitPolicy)
            .WithName("DataGuardEraseMyData")
            .WithDisplayName("DataGuard: erase my data");

        if (options.Rectification)
        {
            var maxBody = options.MaxRequestBodySize;
            group.MapPost("/me/rectification", (Func<HttpContext, Task<IResult>>)(http => RectifyAsync(http, maxBody)))
                .RequireRateLimiting(DataSubjectEndpointOptions.ChangeRateLimitPolicy)
                .Accepts<RectificationBody>("application/json")
                .WithName("DataGuardRectifyMyData")
                .WithDisplayName("DataGuard: correct my data");
        }

        group.MapPost("/me/restriction", (Func<HttpContext, Task<IResult>>)RestrictAsync)
            .RequireRateLimiting(DataSubjectEndpointOptions.ChangeRateLimitPolicy)
            .WithName("DataGuardRestrictMyData")
            .WithDisplayName("DataGuard: restrict processing of my data");

        group.MapGet("/me/requests", static async (HttpContext http, ISubjectRequestService requests, TimeProvider time) =>
            {
                if (!SubjectClaims.TryGetSubject(http, out var subject, out var failure))
                {
                    return failure!;
                }

                var mine = await requests.GetForSubjectAsync(subject, http.RequestAborted).ConfigureAwait(false);
                var now = time.GetUtcNow();
                return Results.Ok(mine.Select(r => SubjectRequestResponse.From(r, now)).ToList());
            })
            .RequireRateLimiting(DataSubjectEndpointOptions.ReadRateLimitPolicy)
            .WithName("DataGuardListMyRequests")
            .WithDisplayName("DataGuard: list my requests");

        // The id is taken as text (no :guid constraint) so that a malformed id gets the same ProblemDetails 404 as an
        // unknown one, instead of the routing's empty 404.
        group.MapGet("/me/requests/{id}", static async (string id, HttpContext http, ISubjectRequestService requests, TimeProvider time) =>
            {
                if (!SubjectClaims.TryGetSubject(http, out var subject, out var failure))
                {
                    return failure!;
                }

                var request = Guid.TryParse(id, out var requestId) ? await requests.FindAsync(requestId, http.RequestAborted).ConfigureAwait(false) : null;
                return request is not null && request.SubjectId == subject
                    ? Results.Ok(SubjectRequestResponse.From(request, time.GetUtcNow()))
                    : SubjectRequestProblems.NotFound();
            })
            .RequireRateLimiting(DataSubjectEndpointOptions.ReadRateLimitPolicy)
            .WithName(GetRequestRouteName)
            .WithDisplayName("DataGuard: my request");
    }

    /// <summary>Streams the package as it is written: nothing of it is buffered or stored on the server.</summary>
    private static async Task<IResult> ExportAsync(HttpContext http)
    {
        if (!SubjectClaims.TryGetSubject(http, out var subject, out var failure))
        {
            return failure!;
        }

        var call = new Call(http, subject);
        return await call.RunAsync(SubjectRequestKind.Access, static r => r.Status == SubjectRequestStatus.Received, async request =>
        {
            var response = http.Response;
            response.ContentType = "application/zip";
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileNameStar = $"personal-data-{call.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd}.zip",
                FileName = $"personal-data-{call.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd}.zip",
            }.ToString();
            response.Headers.CacheControl = "no-store";

            await call.Rights.ExportAsync(subject, response.Body, http.RequestAborted).ConfigureAwait(false);
            await call.Requests.CompleteAsync(request, EndpointActor, http.RequestAborted).ConfigureAwait(false);
            return Results.Empty;
        }).ConfigureAwait(false);
    }

    /// <summary>Erasure runs within the call once the identity is verified and answers 201 with the report; a pending
    /// verification answers 202, and calling again resumes the same open request.</summary>
    private static async Task<IResult> EraseAsync(HttpContext http)
    {
        if (!SubjectClaims.TryGetSubject(http, out var subject, out var failure))
        {
            return failure!;
        }

        var call = new Call(http, subject);
        return await call.RunAsync(SubjectRequestKind.Erasure, static r => r.IsOpen, async request =>
        {
            var report = await call.Rights.EraseAsync(subject, http.RequestAborted).ConfigureAwait(false);
            return await call.CreatedAsync(request, completed => new ErasureResponse(completed, report)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>A correction is checked against the personal-data model before a request is opened, then handed to the
    /// host's <see cref="ISubjectRectifier"/> once the identity is verified; 201 with the completed request.</summary>
    private static async Task<IResult> RectifyAsync(HttpContext http, long maxBody)
    {
        if (!SubjectClaims.TryGetSubject(http, out var subject, out var failure))
        {
            return failure!;
        }

        var (body, tooLarge) = await ReadBodyAsync(http, maxBody).ConfigureAwait(false);
        if (tooLarge)
        {
            return RequestBodyLimit.TooLarge(maxBody);
        }

        if (body is not { Entity.Length: > 0, Property.Length: > 0 })
        {
            return SubjectRequestProblems.InvalidRectification("Name the entity and the property to correct, and give the corrected value.");
        }

        var rectification = new RectificationRequest { Entity = body.Entity, Property = body.Property, Value = body.Value, Note = body.Note };
        if (http.RequestServices.GetService<Model.PersonalDataModel>() is { } model && SubjectAmendments.FindRectifiable(model, rectification) is null)
        {
            return SubjectRequestProblems.InvalidRectification(SubjectAmendments.NotRectifiable(rectification));
        }

        var call = new Call(http, subject);
        return await call.RunAsync(SubjectRequestKind.Rectification, static r => r.IsOpen, async request =>
        {
            await call.Rights.RectifyAsync(subject, rectification, http.RequestAborted).ConfigureAwait(false);
            return await call.CreatedAsync(request).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Reads the JSON body with the size limit, whatever the server enforces: a chunked body without a
    /// Content-Length is cut off at the limit, and never buffered beyond it.</summary>
    private static async Task<(RectificationBody? Body, bool TooLarge)> ReadBodyAsync(HttpContext http, long maxBody)
    {
        if (http.Request.ContentLength > maxBody)
        {
            return (null, true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBody)
            {
                return (null, true);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, false);
        }

        try
        {
            var json = http.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions
                       ?? System.Text.Json.JsonSerializerOptions.Web;
            return (System.Text.Json.JsonSerializer.Deserialize<RectificationBody>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), json), false);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, false);
        }
    }

    /// <summary>Restriction (Art. 18) is recorded once the identity is verified; 201 with the completed request.</summary>
    private static async Task<IResult> RestrictAsync(HttpContext http)
    {
        if (!SubjectClaims.TryGetSubject(http, out var subject, out var failure))
        {
            return failure!;
        }

        var call = new Call(http, subject);
        return await call.RunAsync(SubjectRequestKind.Restriction, static r => r.IsOpen, async request =>
        {
            await call.Rights.RestrictAsync(subject, "requested by the data subject", http.RequestAborted).ConfigureAwait(false);
            return await call.CreatedAsync(request).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>One call of a working route, for the signed-in subject.</summary>
    private sealed class Call(HttpContext http, SubjectId subject)
    {
        private readonly IServiceProvider _services = http.RequestServices;

        public ISubjectRequestService Requests { get; } = http.RequestServices.GetRequiredService<ISubjectRequestService>();

        public ISubjectRightsService Rights => _services.GetRequiredService<ISubjectRightsService>();

        public TimeProvider Time => _services.GetRequiredService<TimeProvider>();

        public string Location(Guid requestId) =>
            _services.GetRequiredService<LinkGenerator>().GetPathByName(http, GetRequestRouteName, new { id = requestId.ToString("D") })
            ?? throw new InvalidOperationException($"Route '{GetRequestRouteName}' is not mapped.");

        /// <summary>Completes the request and answers 201 with its location and the completed request (or what
        /// <paramref name="body"/> makes of it).</summary>
        public async Task<IResult> CreatedAsync(SubjectRequest request, Func<SubjectRequestResponse, object>? body = null)
        {
            var completed = await Requests.CompleteAsync(request, EndpointActor, http.RequestAborted).ConfigureAwait(false);
            var response = SubjectRequestResponse.From(completed, Time.GetUtcNow());
            return Results.Created(Location(completed.Id), body is null ? response : body(response));
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
                            var rejected = await Requests.RejectAsync(request, verification.Reason ?? "Identity not verified.", VerifierActor, ct).ConfigureAwait(false);
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
                await Requests.RejectAsync(request, $"Failed ({kind}): the request could not be carried out and was closed; submit it again.", EndpointActor, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SubjectRequestConcurrencyException or SubjectRequestStateException)
            {
                // Someone else changed or closed it meanwhile: their change stands.
                DataSubjectEndpointLog.Conflict(Logger, request.Id);
            }
        }
    }
}
