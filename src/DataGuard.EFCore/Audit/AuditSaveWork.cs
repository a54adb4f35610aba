using System.Runtime.CompilerServices;
using DataGuard.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// The work behind <see cref="AuditSaveChangesInterceptor"/>, written once for synchronous and asynchronous saves
/// (<see cref="AuditDbCalls"/>): before the save, note the changes (<see cref="AuditChangeCollector"/>) and open a
/// transaction when the application has none (<see cref="AuditOwnedTransaction"/>); after it, append the entries and
/// commit; when it fails or is cancelled, roll back what DataGuard opened.
/// </summary>
internal sealed class AuditSaveWork(IAuditContext auditContext, TimeProvider time, ILogger logger, AuditChangeCollector collector)
{
    private readonly ConditionalWeakTable<DbContext, PendingAudit> _pending = [];

    public async ValueTask PrepareAsync(DbContext? context, AuditDbCalls calls, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            return;
        }

        // A SaveChanges that failed before reaching our failure hook must not leave its transaction behind.
        await AbandonAsync(context, calls).ConfigureAwait(false);
        if (collector.Collect(context, out var lookups) is { } changes)
        {
            if (lookups is not null)
            {
                // Before the save: a principal the save deletes (or a cascade removes) is still there to be read.
                await AuditSubjectPathResolver.ResolveAsync(context, lookups, calls, cancellationToken).ConfigureAwait(false);
            }

            var owned = await AuditOwnedTransaction.BeginIfNoneAsync(context, calls, cancellationToken).ConfigureAwait(false);
            _pending.AddOrUpdate(context, new PendingAudit(changes, owned, auditContext));
        }

        // The context is saving until the save ends (its statements are audited entity by entity), also when nothing
        // personal changed. EF Core reports a DbUpdateConcurrencyException only through the context's event, not through
        // the interceptors' SaveChangesFailed: without the handler, DataGuard's transaction (and SQLite's write lock)
        // would stay open until the context's next save. Removed first, so a context saved many times subscribes once.
        AuditSavingContexts.Enter(context);
        context.SaveChangesFailed -= OnSaveChangesFailed;
        context.SaveChangesFailed += OnSaveChangesFailed;
    }

    public async ValueTask CompleteAsync(DbContext? context, AuditDbCalls calls, CancellationToken cancellationToken)
    {
        if (Take(context) is not { } pending)
        {
            return;
        }

        var now = AuditChain.Truncate(time.GetUtcNow());
        try
        {
            await AuditSubjectsAfterSave.ResolveAsync(context!, pending.Changes, calls, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            AuditLog.AppendFailed(logger, ex, pending.Changes.Count);
            if (pending.OwnedTransaction is { } owned)
            {
                await owned.AbandonAsync(calls).ConfigureAwait(false);
            }

            throw;
        }

        var records = pending.Records(now);
        try
        {
            await AuditChainAppender.AppendAsync(context!, records, calls, cancellationToken).ConfigureAwait(false);
            if (pending.OwnedTransaction is { } owned)
            {
                await owned.CommitAsync(calls, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            AuditLog.AppendFailed(logger, ex, records.Count);

            // The changes were sent but not committed: rolling back keeps change and audit together.
            if (pending.OwnedTransaction is { } owned)
            {
                await owned.RollBackAsync(calls).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            if (pending.OwnedTransaction is { } owned)
            {
                await owned.EndAsync(calls).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask AbandonAsync(DbContext? context, AuditDbCalls calls)
    {
        if (Take(context) is { OwnedTransaction: { } owned })
        {
            await owned.AbandonAsync(calls).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the context's save and takes its pending audit, if any.</summary>
    private PendingAudit? Take(DbContext? context)
    {
        AuditSavingContexts.Leave(context);
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return null;
        }

        _pending.Remove(context);
        return pending;
    }

    private void OnSaveChangesFailed(object? sender, SaveChangesFailedEventArgs e)
    {
        if (e.Exception is DbUpdateConcurrencyException)
        {
            // An event handler cannot await: the rollback runs with synchronous calls (one round trip at most).
            AuditSync.Run(AbandonAsync(sender as DbContext, AuditDbCalls.Sync));
        }
    }
}
