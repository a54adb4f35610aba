namespace DataGuard.Subjects.Requests;

/// <summary>An erasure report as kept with its request: the JSON bytes exactly as signed (<see cref="ErasureReport.ToJson"/>)
/// and their detached CMS signature, or <see langword="null"/> when no signing certificate was set.</summary>
internal sealed record StoredErasureReport(Guid RequestId, byte[] Json, byte[]? Signature, DateTimeOffset CreatedAt);
