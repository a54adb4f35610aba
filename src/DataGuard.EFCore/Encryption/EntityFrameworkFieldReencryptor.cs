using System.Diagnostics;
using DataGuard.Audit;
using DataGuard.Diagnostics;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// Re-encrypts with plain SQL beside the application: a batch of rows holding a value not on the active key is read in
/// key order (no query filter applies), each value is decrypted and encrypted under the active ring key, and each row is
/// written with an <c>UPDATE … WHERE</c> that names the values it read — a row the application changed meanwhile is
/// left alone (its new value is already on the active key, or the next pass moves it). One transaction per batch, one
/// fresh context per batch, so memory stays flat. A value that cannot be decrypted is skipped and reported.
/// </summary>
internal sealed class EntityFrameworkFieldReencryptor<TContext>(
    IServiceScopeFactory scopes,
    FieldEncryptor encryptor,
    IAuditTrail audit,
    ILogger<EntityFrameworkFieldReencryptor<TContext>> logger) : IFieldReencryptor
    where TContext : DbContext
{
    /// <summary>A pass re-reads the rows whose write lost to a concurrent change; writers on a stale key could keep that
    /// going, so the job stops after this many passes and says so (the next run picks them up).</summary>
    private const int MaxPasses = 20;

    public async Task<ReencryptionReport> RunAsync(IProgress<ReencryptionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var activity = DataGuard.Diagnostics.DataGuardActivitySource.Start(DataGuard.Diagnostics.DataGuardActivitySource.Reencrypt);
        var started = Stopwatch.GetTimestamp();
        await encryptor.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var run = new ReencryptionRun(logger, encryptor.Options.Encryption.ReencryptionBatchSize);
        List<ReencryptionTarget> targets;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            targets = ReencryptionTarget.For(context.Model, encryptor).ToList();

            // Tables with a tenant column are re-encrypted per tenant: refused at platform level before anything moves.
            DataGuard.EFCore.Infrastructure.TenantScoping.Require(context, targets.Select(static t => t.EntityType));
        }

        foreach (var target in targets)
        {
            await RunTargetAsync(target, run, progress, cancellationToken).ConfigureAwait(false);
        }

        var report = run.Report(encryptor.Ring.ActiveKey.Id, Stopwatch.GetElapsedTime(started));
        await audit.RecordAsync(ReencryptionRun.AuditEvent(report), cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Moves one table's values, pass after pass while writes lose to the application's own changes.</summary>
    private async Task RunTargetAsync(
        ReencryptionTarget target,
        ReencryptionRun run,
        IProgress<ReencryptionProgress>? progress,
        CancellationToken cancellationToken)
    {
        var pass = new Pass(target, run, progress);
        for (var number = 1; ; number++)
        {
            pass.Conflicts = 0;
            object?[]? lastKey = null;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                lastKey = await MoveBatchAsync(pass, lastKey, cancellationToken).ConfigureAwait(false);
            }
            while (lastKey is not null);

            if (pass.Conflicts == 0)
            {
                break;
            }

            ReencryptionLog.LogConflicts(logger, target.Name, pass.Conflicts, number);
            if (number == MaxPasses)
            {
                run.LeftChanging(pass.Conflicts);
                break;
            }
        }

        run.Moved(target.Name, pass.Done);
    }

    /// <summary>Reads and moves one batch in its own context and transaction.</summary>
    /// <returns>The key of the batch's last row, or <see langword="null"/> when no row was left.</returns>
    private async Task<object?[]?> MoveBatchAsync(Pass pass, object?[]? lastKey, CancellationToken cancellationToken)
    {
        var target = pass.Target;
        var activeKey = encryptor.Ring.ActiveKey.Id;
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var batch = await target.ReadBatchAsync(context, activeKey, lastKey, pass.Run.BatchSize, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        var moved = 0;
        foreach (var row in batch)
        {
            var changes = ReencryptionPlan.For(target, row, activeKey, out var failure);
            if (failure is not null)
            {
                pass.Run.Skipped(target, row, failure);
            }

            if (changes.Count > 0)
            {
                var written = await target.UpdateAsync(context, row, changes, cancellationToken).ConfigureAwait(false) > 0;
                moved += written ? 1 : 0;
                pass.Conflicts += written ? 0 : 1;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        pass.Done += moved;
        pass.Progress?.Report(new ReencryptionProgress(target.Name, pass.Done, activeKey));
        ReencryptionLog.LogBatch(logger, target.Name, moved, pass.Done, activeKey);
        return batch[^1][..target.KeyColumns.Count];
    }

    /// <summary>One table's progress through the passes of a run.</summary>
    private sealed class Pass(ReencryptionTarget target, ReencryptionRun run, IProgress<ReencryptionProgress>? progress)
    {
        public ReencryptionTarget Target => target;

        public ReencryptionRun Run => run;

        public IProgress<ReencryptionProgress>? Progress => progress;

        /// <summary>Rows moved in this table so far, over every pass.</summary>
        public long Done { get; set; }

        /// <summary>Writes of the current pass that lost to a change the application made after the read.</summary>
        public int Conflicts { get; set; }
    }
}
