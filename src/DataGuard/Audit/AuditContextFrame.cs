namespace DataGuard.Audit;

/// <summary>One level of <see cref="AuditContext"/>: immutable, so a frame captured by a child task stays valid.</summary>
internal sealed record AuditContextFrame(string? Actor, string? Purpose, string? CorrelationId, AuditContextFrame? Parent);
