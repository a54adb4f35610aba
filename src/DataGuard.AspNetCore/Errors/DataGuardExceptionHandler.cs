using DataGuard.AspNetCore.Consent;
using DataGuard.Consent;
using DataGuard.AspNetCore.Tenants;
using DataGuard.Encryption;
using DataGuard.Tenants;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DataGuard.AspNetCore.Errors;

/// <summary>
/// Turns DataGuard's exceptions that escape the application's own handlers into ProblemDetails through ASP.NET Core's
/// exception handling (<c>app.UseExceptionHandler()</c>) and <see cref="IProblemDetailsService"/>: a
/// <see cref="ConsentRequiredException"/> into the same 403 <c>RequireConsent</c> answers, a
/// <see cref="DataGuardCryptoException"/> into a bare 500 that says nothing of entity, property, key or value, a
/// <see cref="TenantRequiredException"/> into a 400 and a <see cref="TenantMismatchException"/> into a 403 that name no
/// tenant (docs/tenants.md). Anything else is left to the next handler.
/// </summary>
internal sealed class DataGuardExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = exception switch
        {
            ConsentRequiredException consent => ConsentProblems.ConsentRequiredDetails(consent.Purpose, consent.Reason),
            TenantRequiredException => TenantProblems.RequiredDetails(),
            TenantMismatchException => TenantProblems.MismatchDetails(),

            // Which entity, property or key failed is for the server's log, not for the client.
            DataGuardCryptoException => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
                Title = "An error occurred while processing your request.",
            },
            _ => null,
        };
        if (problem is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;

        // The exception is not handed on: a host's CustomizeProblemDetails must not be tempted to print its message.
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem }).ConfigureAwait(false);
    }
}
