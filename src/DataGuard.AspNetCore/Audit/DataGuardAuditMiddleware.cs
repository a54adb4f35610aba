using System.Diagnostics;
using System.Security.Claims;
using DataGuard.Audit;
using Microsoft.AspNetCore.Http;

namespace DataGuard.AspNetCore.Audit;

/// <summary>
/// Opens an <see cref="IAuditContext"/> scope for each request: the actor is the authenticated user's id (the
/// <c>sub</c> or name-identifier claim, else the identity's name), the correlation id the W3C trace id of the request's
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
        using (auditContext.Begin(Actor(context.User), purpose: null, correlationId))
        {
            await next(context).ConfigureAwait(false);
        }
    }

    private static string? Actor(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.Identity.Name;
    }
}
