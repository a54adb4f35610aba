using DataGuard.AspNetCore.Pages;
using DataGuard.AspNetCore.Subjects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Masking;

/// <summary>Decides once per request, after authentication, whether the caller sees personal data in clear: the
/// authorization policy is asynchronous, while JSON serialisation asks synchronously per object.</summary>
internal sealed class ResponseMaskingMiddleware(
    RequestDelegate next,
    IOptions<ResponseMaskingOptions> options,
    IOptions<SubjectClaimOptions> subjectClaims,
    IAuthorizationService authorization)
{
    private readonly ResponseMaskingOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        var revealAll = false;
        if (_options.RevealPolicy is { } policy && user.Identity?.IsAuthenticated == true)
        {
            revealAll = (await authorization.AuthorizeAsync(user, policy).ConfigureAwait(false)).Succeeded;
        }

        var subject = _options.RevealToSubject && user.Identity?.IsAuthenticated == true
            ? SubjectClaims.Find(user, subjectClaims.Value, context.RequestServices)
            : null;
        context.Features.Set(new ResponseMaskingFeature(revealAll, string.IsNullOrEmpty(subject) ? null : subject));
        await next(context).ConfigureAwait(false);
    }
}
