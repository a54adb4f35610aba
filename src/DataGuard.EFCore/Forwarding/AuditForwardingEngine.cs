using DataGuard.Audit;
using DataGuard.Diagnostics;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Leases;
using DataGuard.EFCore.Stores;
using DataGuard.Forwarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Forwarding;

/// <summary>
/// Forwards the audit chain to one destination, one step at a time: take (or renew) the destination's lease, read the
/// entries after its persisted cursor, send them, and only then move the cursor forward (never back: a late send of an
/// instance that lost the lease cannot rewind it). A failed send is retried from the same cursor after a backoff that
/// doubles up to a limit; the destination's own refusals (<see cref="AuditForwardRejectedException"/>) are retried entry
/// by entry, and an entry refused <see cref="AuditForwardingOptions.MaxRejections"/> times becomes a dead letter (counted in
/// the cursor row and a metric, logged, skipped). So every entry leaves at least once, in chain order, from whichever
/// instance holds the lease; destinations deduplicate by idempotency key.
/// </summary>
internal sealed partial class AuditForwardingEngine(
    IAuditForwarder forwarder,
    IServiceScopeFactory scopes,
    DataGuardStoreRegistration store,
    IOptionsMonitor<DataGuardOptions> options,
    TimeProvider time,
    ILogger logger)
{
    private readonly JobLeases _leases = new(scopes, store.ContextType, time);
    private int _failures;
    private int _rejections;
    private bool _oneByOne;
    private long _lag = -1;

    public IAuditForwarder Forwarder => forwarder;

    /// <summary>This instance's name in lease rows.</summary>
    internal string Holder => _leases.Holder;

    public string LeaseName => LeaseNames.For("audit-forward", forwarder.Name);

    /// <summary>Entries appended but not yet delivered, as of the last step that held the lease; -1 before.</summary>
    public long Lag => Interlocked.Read(ref _lag);

    /// <summary>Runs one step and returns how long to wait before the next (zero: more entries are waiting).</summary>
    public async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Operations.Forwarding;
        await using var scope = AuditStoreScope.Create(scopes, store);
        var db = scope.Context;
        if (!await _leases.TryAcquireAsync(db, LeaseName, settings.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            return settings.PollInterval; // another instance forwards to this destination
        }

        var limit = _oneByOne ? 1 : settings.BatchSize;
        var (cursor, head, rows) = await ReadBatchAsync(db, limit, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _lag, Math.Max(0, head - cursor));
        if (rows.Count == 0)
        {
            return settings.PollInterval;
        }

        var entries = rows.ConvertAll(AuditRecordMapper.ToEntry);
        using var activity = DataGuardActivitySource.Start(DataGuardActivitySource.Forward);
        activity?.SetTag(DataGuardMetrics.ForwarderTag, forwarder.Name);
        activity?.SetTag("dataguard.audit.entries", entries.Count);
        var tag = new KeyValuePair<string, object?>(DataGuardMetrics.ForwarderTag, forwarder.Name);
        try
        {
            using var timeout = new CancellationTokenSource(settings.SendTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await forwarder.SendAsync(entries, linked.Token).ConfigureAwait(false);
        }
        catch (AuditForwardRejectedException ex)
        {
            DataGuardMetrics.AuditForwardFailures.Add(1, tag);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "rejected");
            return await RejectedAsync(db, ex, entries, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            DataGuardMetrics.AuditForwardFailures.Add(1, tag);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            _failures++;
            var delay = Backoff(settings, _failures);
            LogFailed(logger, ex, forwarder.Name, entries[0].Sequence, entries[^1].Sequence, _failures, delay);
            return delay;
        }

        _failures = 0;
        _rejections = 0;
        _oneByOne = false;
        await AdvanceAsync(db, entries[^1].Sequence, deadLetters: 0, cancellationToken).ConfigureAwait(false);
        DataGuardMetrics.AuditForwarded.Add(entries.Count, tag);
        Interlocked.Exchange(ref _lag, Math.Max(0, head - entries[^1].Sequence));
        return rows.Count == limit ? TimeSpan.Zero : settings.PollInterval;
    }

    /// <summary>The forwarder's cursor, the chain's head and the next entries after the cursor, at most
    /// <paramref name="limit"/>.</summary>
    private async Task<(long Cursor, long Head, List<AuditEntryRecord> Rows)> ReadBatchAsync(
        DbContext db, int limit, CancellationToken cancellationToken)
    {
        var cursor = await db.Set<AuditForwardCursorRecord>()
            .AsNoTracking()
            .Where(c => c.Name == forwarder.Name)
            .Select(static c => (long?)c.Sequence)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? 0;

        // The platform's chain: tenants' chains have sequences of their own (docs/tenants.md).
        var head = await db.Set<AuditHeadRecord>().AsNoTracking().Where(static h => h.TenantId == AuditTenant.Platform)
            .Select(static h => h.Sequence).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<AuditEntryRecord>().AsNoTracking().Where(e => e.TenantId == AuditTenant.Platform && e.Sequence > cursor)
            .OrderBy(static e => e.Sequence).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return (cursor, head, rows);
    }

    /// <summary>The destination refused a send: find the refused entry one by one, retry it after a backoff, and after
    /// <see cref="AuditForwardingOptions.MaxRejections"/> refusals skip it as a dead letter.</summary>
    private async Task<TimeSpan> RejectedAsync(
        DbContext db,
        AuditForwardRejectedException ex,
        List<AuditEntry> entries,
        AuditForwardingOptions settings,
        CancellationToken cancellationToken)
    {
        _failures = 0;
        if (!_oneByOne && entries.Count > 1)
        {
            _oneByOne = true; // find the entry the destination refuses
            LogRejected(logger, ex, forwarder.Name, entries[0].Sequence, entries[^1].Sequence);
            return TimeSpan.Zero;
        }

        _rejections++;
        LogRejected(logger, ex, forwarder.Name, entries[0].Sequence, entries[0].Sequence);
        if (_rejections < settings.MaxRejections)
        {
            return Backoff(settings, _rejections);
        }

        await AdvanceAsync(db, entries[0].Sequence, deadLetters: 1, cancellationToken).ConfigureAwait(false);
        DataGuardMetrics.AuditDeadLetters.Add(1, new KeyValuePair<string, object?>(DataGuardMetrics.ForwarderTag, forwarder.Name));
        LogDeadLetter(logger, forwarder.Name, entries[0].Sequence, _rejections);
        _rejections = 0;
        _oneByOne = false;
        return TimeSpan.Zero;
    }

    /// <summary>Gives the lease up (the host stops), so another instance takes the destination over at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _leases.ReleaseAsync(null, LeaseName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The persisted cursor and dead-letter count of this destination.</summary>
    public async Task<(long Sequence, long DeadLetters)> CursorAsync(CancellationToken cancellationToken)
    {
        await using var scope = AuditStoreScope.Create(scopes, store);
        var row = await scope.Context.Set<AuditForwardCursorRecord>()
            .AsNoTracking()
            .FirstOrDefaultAsync(c => c.Name == forwarder.Name, cancellationToken).ConfigureAwait(false);
        return row is null ? (0, 0) : (row.Sequence, row.DeadLetters);
    }

    private static TimeSpan Backoff(AuditForwardingOptions settings, int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * factor, settings.RetryMaxDelay.Ticks));
        return delay;
    }

    /// <summary>Moves the cursor forward to <paramref name="sequence"/>, creating it on first use; never backwards.</summary>
    private async Task AdvanceAsync(DbContext db, long sequence, int deadLetters, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cursors = db.Set<AuditForwardCursorRecord>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var moved = await cursors.Where(c => c.Name == forwarder.Name && c.Sequence < sequence)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(c => c.Sequence, sequence)
                        .SetProperty(c => c.DeadLetters, c => c.DeadLetters + deadLetters)
                        .SetProperty(c => c.UpdatedAt, now),
                    cancellationToken)
                .ConfigureAwait(false);
            if (moved == 1 || await cursors.AnyAsync(c => c.Name == forwarder.Name, cancellationToken).ConfigureAwait(false))
            {
                return; // moved, or already at or past it (another instance delivered these too)
            }

            var row = new AuditForwardCursorRecord { Name = forwarder.Name, Sequence = sequence, DeadLetters = deadLetters, UpdatedAt = now };
            cursors.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DbUpdateException)
            {
                // another instance created the row first: move it with the update
            }
            finally
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "DataGuard audit forwarder '{Forwarder}' failed to send entries {First} to {Last} " +
        "({Failures} failures in a row); sending again in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string forwarder, long first, long last, int failures, TimeSpan delay);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "DataGuard audit forwarder '{Forwarder}': the destination refused entries {First} to " +
        "{Last}; retrying them one by one")]
    private static partial void LogRejected(ILogger logger, Exception exception, string forwarder, long first, long last);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Error, Message = "DataGuard audit forwarder '{Forwarder}': entry {Sequence} was refused {Rejections} " +
        "times and is a dead letter; it is skipped (the cursor row counts dead letters)")]
    private static partial void LogDeadLetter(ILogger logger, string forwarder, long sequence, int rejections);
}
