using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.AspNetCore.Tests.Consent;

/// <summary>Signs in the user named in the X-Test-User header, with that name as the claim given in X-Test-Claim
/// (NameIdentifier by default); no header, no user.</summary>
internal sealed class TestAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers["X-Test-User"].ToString() is not { Length: > 0 } user)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claimType = Request.Headers["X-Test-Claim"].ToString() is { Length: > 0 } type ? type : ClaimTypes.NameIdentifier;
        var identity = new ClaimsIdentity([new Claim(claimType, user), new Claim(ClaimTypes.Name, "display-" + user)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
