using System.Security.Claims;

namespace DataGuard.AspNetCore.Subjects;

/// <summary>
/// How DataGuard's endpoints and filters find the signed-in user's data-subject id among the user's claims. Configure
/// with <c>services.Configure&lt;SubjectClaimOptions&gt;(o =&gt; …)</c>; checked when the endpoints are mapped.
/// </summary>
public sealed class SubjectClaimOptions
{
    /// <summary>The claim types tried in order; the first the user has gives the subject id. Defaults to
    /// <see cref="ClaimTypes.NameIdentifier"/>, then "sub" (OpenID Connect's subject claim, when claims are not mapped).</summary>
    public IList<string> ClaimTypes { get; } = [System.Security.Claims.ClaimTypes.NameIdentifier, "sub"];
}
