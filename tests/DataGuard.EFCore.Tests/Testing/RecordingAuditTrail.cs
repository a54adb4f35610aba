using System.Collections.Concurrent;
using DataGuard.Audit;

namespace DataGuard.EFCore.Tests.Testing;

/// <summary>Keeps the events and lets a test react to them (cancel a run after a batch, wait for a run).</summary>
public sealed class RecordingAuditTrail : IAuditTrail
{
    public ConcurrentQueue<AuditEvent> Events { get; } = new();

    public Action<AuditEvent>? OnRecord { get; set; }

    public IEnumerable<AuditEvent> Batches => Events.Where(static e => e.Action == AuditActions.RetentionBatch);

    /// <summary>The row count of each batch event, parsed from its details ("N rows …").</summary>
    public IEnumerable<int> BatchRows(string entity)
        => Batches.Where(e => e.EntityType == entity).Select(static e => int.Parse(e.Details!.Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture));

    public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(auditEvent);
        OnRecord?.Invoke(auditEvent);
        return ValueTask.CompletedTask;
    }
}
