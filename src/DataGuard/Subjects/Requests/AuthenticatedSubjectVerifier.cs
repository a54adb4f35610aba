using System.Security.Claims;

namespace DataGuard.Subjects.Requests;

/// <summary>The default verifier: an authenticated user is verified. The endpoints take the subject id from the user's
/// own claims, so the authentication that produced them is the proof of identity; hosts that want more (a recent sign-in,
/// a second factor) register their own <see cref="ISubjectVerifier"/>.</summary>
internal sealed class AuthenticatedSubjectVerifier : ISubjectVerifier
{
    public ValueTask<SubjectVerification> VerifyAsync(SubjectRequest request, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        return ValueTask.FromResult(user.Identity?.IsAuthenticated == true
            ? SubjectVerification.Verified
            : SubjectVerification.Rejected("The requester is not signed in."));
    }
}
