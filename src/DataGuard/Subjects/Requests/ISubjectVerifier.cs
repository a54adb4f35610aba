using System.Security.Claims;

namespace DataGuard.Subjects.Requests;

/// <summary>
/// Decides whether the requester is the data subject before a request is carried out (GDPR Art. 12(6): the controller
/// may ask for information to confirm the identity). The host implements it when a signed-in session is not enough, for
/// example to require a recent sign-in or a second factor for erasure. The default treats an authenticated user as
/// verified, since <c>MapDataSubjectEndpoints</c> takes the subject from that user's own claims.
/// </summary>
public interface ISubjectVerifier
{
    /// <summary>Verifies the requester of <paramref name="request"/>.</summary>
    /// <param name="request">The request, status <see cref="SubjectRequestStatus.Received"/>.</param>
    /// <param name="user">The signed-in user who made it.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>Verified, pending (more proof to come, the request waits) or rejected with a reason.</returns>
    ValueTask<SubjectVerification> VerifyAsync(SubjectRequest request, ClaimsPrincipal user, CancellationToken cancellationToken = default);
}
