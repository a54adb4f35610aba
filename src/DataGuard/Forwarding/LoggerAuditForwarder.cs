using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;
using Microsoft.Extensions.Logging;

namespace DataGuard.Forwarding;

/// <summary>
/// Forwards entries as structured <see cref="ILogger"/> events (event 1500, category
/// <c>DataGuard.Forwarding.LoggerAuditForwarder</c>), one per entry with each field a named property, so that Serilog or
/// an OpenTelemetry logging pipeline carries the audit trail to the log system. A logger cannot acknowledge delivery:
/// an entry counts as delivered once the logger took it.
/// </summary>
internal sealed partial class LoggerAuditForwarder(ILogger<LoggerAuditForwarder> logger, string name = "logger") : IAuditForwarder
{
    public string Name { get; } = name;

    public Task SendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return Task.CompletedTask; // the host's logging configuration discards them
        }

        foreach (var entry in entries)
        {
            var key = AuditForwarding.IdempotencyKey(entry);
            var previousHash = Convert.ToBase64String(entry.PreviousHash.Span);
            var hash = Convert.ToBase64String(entry.Hash.Span);
            LogEntry(
                logger,
                entry.Sequence,
                entry.Timestamp,
                entry.Action,
                entry.Actor,
                entry.SubjectId,
                entry.EntityType,
                entry.EntityKey,
                entry.Properties is { } properties ? string.Join(',', properties) : null,
                entry.Purpose,
                entry.CorrelationId,
                entry.Details,
                key,
                previousHash,
                hash);
        }

        return Task.CompletedTask;
    }

    // Every field is a structured property named Audit…; the message text names only a few (SYSLIB1015 is about that, on
    // purpose), and the parameters are Pascal-cased so that all properties are named alike.
#pragma warning disable SYSLIB1015
    [LoggerMessage(
        EventId = 1500,
        EventName = "AuditEntry",
        Level = LogLevel.Information,
        Message = "DataGuard audit {AuditSequence} {AuditAction} on {AuditEntityType} by {AuditActor}")]
    private static partial void LogEntry(
        ILogger logger,
        long AuditSequence,
        DateTimeOffset AuditTimestamp,
        string AuditAction,
        string? AuditActor,
        string? AuditSubjectId,
        string? AuditEntityType,
        string? AuditEntityKey,
        string? AuditProperties,
        string? AuditPurpose,
        string? AuditCorrelationId,
        string? AuditDetails,
        string AuditIdempotencyKey,
        string AuditPreviousHash,
        string AuditHash);
#pragma warning restore SYSLIB1015
}
