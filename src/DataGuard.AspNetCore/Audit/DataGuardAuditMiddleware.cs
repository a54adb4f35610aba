using System.Diagnostics;
using System.Security.Claims;
using DataGuard.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Audit;

/// <summary>
/// Opens an <see cref="IAuditContext"/> scope for each request: the actor is the authenticated user's id (the claims
/// named in <see cref="SubjectClaimOptions"/>, else the identity's name), the correlation id the W3C trace id of the request's
/// <see cref="Activity"/> (or <see cref="HttpContext.TraceIdentifier"/>), so every audit entry written while handling the
/// request says who and which request.
/// </summary>
internal sealed class DataGuardAuditMiddleware(RequestDelegate next, IAuditContext auditContext)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = Activity.Current?.TraceId.ToHexString() is { } traceId && traceId != default(ActivityTraceId).ToHexString()
            ? traceId
            : context.TraceIdentifier;
        using (auditContext.Begin(Actor(context, context.User), purpose: null, correlationId))
        {
            await next(context).ConfigureAwait(false);
        }
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
