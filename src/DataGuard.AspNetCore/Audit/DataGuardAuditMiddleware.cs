using System.Diagnostics;
using System.Security.Claims;
using DataGuard.AspNetCore.Subjects;
using DataGuard.Audit;
using DataGuard.Consent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Audit;

/// <summary>
/// Opens an <see cref="IAuditContext"/> scope for each request: the actor is the authenticated user's id (the claims
/// named in <see cref="SubjectClaimOptions"/>, else the identity's name), the purpose the endpoint's
/// <c>WithAuditPurpose</c>, and the correlation id an id the server chose, so every audit entry written while handling
/// the request says who, why and which request.
/// </summary>
/// <remarks>
/// The correlation id is never taken from the client: a W3C <c>traceparent</c> header makes ASP.NET Core continue the
/// client's trace, so the request's trace id is then whatever the client sent (any caller could make its requests look
/// like another's). It is the W3C trace id of the request's <see cref="Activity"/> only when the server started that
/// trace itself (no remote parent), else <see cref="HttpContext.TraceIdentifier"/>, which the server generates.
/// </remarks>
internal sealed class DataGuardAuditMiddleware(RequestDelegate next, IAuditContext auditContext)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var purpose = context.GetEndpoint()?.Metadata.GetMetadata<AuditPurposeMetadata>()?.Purpose;
        using (auditContext.Begin(Actor(context, context.User), purpose, CorrelationId(context)))
        {
            await next(context).ConfigureAwait(false);
        }
    }

    internal static string CorrelationId(HttpContext context)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity && activity.TraceId != default)
        {
            var root = activity;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            if (!root.HasRemoteParent && root.ParentId is null)
            {
                return activity.TraceId.ToHexString();
            }
        }

        return context.TraceIdentifier;
    }

    private static string? Actor(HttpContext context, ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var claims = context.RequestServices.GetService<IOptions<SubjectClaimOptions>>()?.Value ?? new SubjectClaimOptions();
        return SubjectClaims.FindActor(user, claims, context.RequestServices) ?? user.Identity.Name;
    }
}
