namespace DataGuard.AspNetCore.Requests;

/// <summary>One history entry of a <see cref="SubjectRequestResponse"/>.</summary>
internal sealed record SubjectRequestChangeResponse(string Action, DateTimeOffset At, string? Reason);
