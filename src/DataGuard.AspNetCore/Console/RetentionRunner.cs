using System.Globalization;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// Runs a real retention run in the background for the Retention page, one at a time per console, so a long run is not
/// tied to the officer's request. Progress comes from the audit trail, where the retention service records every
/// committed batch (<c>retention.batch</c>): the page reads the entries written since the run began, so it shows what
/// the database has done, batch by batch, on every reload (no script; the page's strict CSP forbids one).
/// </summary>
internal sealed class RetentionRunner
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Entity, string Change), (long Rows, int Batches)> _progress = [];
    private Task? _running;
    private long _cursor;

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running is { IsCompleted: false };
            }
        }
    }

    /// <summary>Who started the current or last run, and when.</summary>
    public (string Actor, DateTimeOffset At)? Started { get; private set; }

    public RetentionReport? LastReport { get; private set; }

    public string? LastFailure { get; private set; }

    /// <summary>Starts a run unless one is going; false when one is. <paramref name="auditFrom"/> is the audit chain's
    /// head before the run: its batches are the entries after it.</summary>
    public bool TryStart(IServiceScopeFactory scopes, string actor, DateTimeOffset now, long auditFrom)
    {
        lock (_gate)
        {
            if (_running is { IsCompleted: false })
            {
                return false;
            }

            Started = (actor, now);
            LastReport = null;
            LastFailure = null;
            _cursor = auditFrom;
            _progress.Clear();
            // The run must not carry the request's ambient state (its audit scope, activity) past the request's end.
            using (ExecutionContext.SuppressFlow())
            {
                _running = Task.Run(() => RunAsync(scopes, actor));
            }
            return true;
        }
    }

    /// <summary>The batches committed since the run began, reading only the audit entries not read before. Two pages
    /// reading at once both read; the first to finish moves the cursor and the other's entries are not counted twice.</summary>
    public async Task<IReadOnlyList<RetentionBatchProgress>> ReadProgressAsync(IAuditStore? store, CancellationToken cancellationToken)
    {
        long from;
        lock (_gate)
        {
            from = _cursor;
        }

        var read = new List<AuditEntry>();
        var after = from;
        for (var page = 0; store is not null && page < 20; page++)
        {
            var batch = await store.QueryAsync(
                new AuditQuery { Action = AuditActions.RetentionBatch, AfterSequence = after, PageSize = AuditQuery.MaxPageSize },
                cancellationToken).ConfigureAwait(false);
            read.AddRange(batch.Entries);
            if (batch.NextAfterSequence is not { } next)
            {
                break;
            }

            after = next;
        }

        lock (_gate)
        {
            if (_cursor == from && read.Count > 0)
            {
                read.ForEach(Count);
                _cursor = read[^1].Sequence;
            }

            return [.. _progress.Select(static p => new RetentionBatchProgress(p.Key.Entity, p.Key.Change, p.Value.Rows, p.Value.Batches))
                .OrderBy(static p => p.Entity, StringComparer.Ordinal)];
        }
    }

    private void Count(AuditEntry entry)
    {
        // The retention service writes "<rows> rows <deleted|anonymised> by …"; anything else counts as a batch.
        var words = (entry.Details ?? "").Split(' ', 4);
        var rows = words.Length > 2 && long.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var change = words.Length > 2 && words[1] == "rows" ? words[2] : "changed";
        var key = (entry.EntityType ?? "—", change);
        var (total, batches) = _progress.GetValueOrDefault(key);
        _progress[key] = (total + rows, batches + 1);
    }

    private async Task RunAsync(IServiceScopeFactory scopes, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        using var audit = services.GetRequiredService<IAuditContext>().Begin(actor, ConsoleArea.RetentionPurpose);
#pragma warning disable CA1031 // The failure is shown on the Retention page (type only) and logged; batches done stay done.
        try
        {
            var report = await services.GetRequiredService<IRetentionService>().RunAsync(dryRun: false, CancellationToken.None).ConfigureAwait(false);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditEvent("console.retention.run")
                {
                    Purpose = ConsoleArea.RetentionPurpose,
                    Details = $"due {report.Due}, deleted {report.Purged}, anonymised {report.Anonymized}, shredded {report.Shredded}, held {report.Held}",
                },
                CancellationToken.None).ConfigureAwait(false);
            LastReport = report;
        }
        catch (Exception ex)
        {
            LastFailure = ex.GetType().Name;
            ConsoleLog.RetentionRunFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger("DataGuard.AspNetCore.PrivacyConsole"), ex);
        }
#pragma warning restore CA1031
    }
}
