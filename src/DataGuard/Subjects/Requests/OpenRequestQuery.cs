namespace DataGuard.Subjects.Requests;

/// <summary>A page of the open-request queue: an optional kind, an optional deadline bound, the cursor after which the
/// page starts (the deadline and id of the last request of the previous page) and how many requests to read.</summary>
internal sealed record OpenRequestQuery(SubjectRequestKind? Kind, DateTimeOffset? DueBefore, OpenRequestCursor? After, int Take);
