using DataGuard.Subjects;

namespace DataGuard.AspNetCore.Tests.Requests;

/// <summary>The host's rectifier in the endpoint tests: accepts every correction (the fake rights service records it).</summary>
internal sealed class AcceptingRectifier : ISubjectRectifier
{
    public Task RectifyAsync(SubjectId subjectId, RectificationRequest request, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
