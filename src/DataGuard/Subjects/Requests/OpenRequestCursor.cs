namespace DataGuard.Subjects.Requests;

/// <summary>A position in the open-request queue, which is ordered by deadline and then by id.</summary>
internal readonly record struct OpenRequestCursor(DateTimeOffset DueAt, Guid Id);
