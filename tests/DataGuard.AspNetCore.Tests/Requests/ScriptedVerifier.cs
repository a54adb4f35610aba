using System.Security.Claims;
using DataGuard.Subjects.Requests;

namespace DataGuard.AspNetCore.Tests.Requests;

/// <summary>A verifier whose answer the test sets, recording whom it was asked about.</summary>
internal sealed class ScriptedVerifier : ISubjectVerifier
{
    public SubjectVerification Answer { get; set; } = SubjectVerification.Verified;

    public List<string?> AskedFor { get; } = [];

    public ValueTask<SubjectVerification> VerifyAsync(SubjectRequest request, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        AskedFor.Add(user.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        return ValueTask.FromResult(Answer);
    }
}
