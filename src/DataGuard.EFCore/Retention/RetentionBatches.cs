using System.Data.Common;
using System.Linq.Expressions;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Retention;

/// <summary>
/// A real run's delete or anonymise step: under the policy's lease, batch after batch until one comes back short, each
/// in its own transaction with what its delete does to dependents counted (and rows whose subject column it clears
/// anonymised) first; every committed batch is audited. A batch that lost a deadlock or a serialisation conflict is
/// retried (its transaction rolled back, so running it again is safe).
/// </summary>
internal static class RetentionBatches
{
    private const int TransientAttempts = 3;

    /// <summary>Works the step's rows; the rows done, or <see langword="null"/> when another instance holds the lease.
    /// A failure or a lost lease ends the step with an error in <paramref name="errors"/>.</summary>
    public static async Task<long?> WorkAsync(RetentionStep step, LambdaExpression works, List<string> errors, CancellationToken cancellationToken)
    {
        var (run, target) = (step.Run, step.Target);
        await using var job = await run.Leases.TryStartAsync(run.Lease(target), run.Context, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }

        var anonymize = step.Policy.Then == RetentionAction.Anonymize;
        var batchSize = run.Settings.BatchSizeFor(RetentionConnectionScope.IsSqlite(run.Context));
        long done = 0;
        try
        {
            var finished = await job.RunBatchesAsync(
                async ct =>
                {
                    var rows = await ApplyAsync(step, works, batchSize, done, ct).ConfigureAwait(false);
                    done += rows;
                    return rows >= batchSize;
                },
                cancellationToken).ConfigureAwait(false);
            if (!finished)
            {
                RetentionLog.LogLeaseLost(run.Logger, target.Name);
                errors.Add($"{target.Name}: this instance lost the retention lease (it expired before a renewal got through); the instance that took it over " +
                    "finishes the work.");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RetentionLog.LogFailed(run.Logger, target.Name, ex);
            errors.Add($"{target.Name}: {(anonymize ? "anonymising" : "deleting")} failed with {ex.GetType().Name} after {done} rows; the rows done so far " +
                "are committed and the next run retries the rest (details in the log, event 1305).");
        }

        return done;
    }

    /// <summary>One batch, committed, logged and audited; the rows it deleted or anonymised.</summary>
    private static async Task<int> ApplyAsync(RetentionStep step, LambdaExpression works, int batchSize, long done, CancellationToken cancellationToken)
    {
        var (run, target, policy) = (step.Run, step.Target, step.Policy);
        var (rows, effects) = await ApplyBatchAsync(step, works, batchSize, cancellationToken).ConfigureAwait(false);
        if (rows == 0)
        {
            return 0;
        }

        var action = policy.Then == RetentionAction.Anonymize ? "anonymised" : "deleted";
        RetentionLog.LogBatch(run.Logger, target.Name, action, rows, done + rows);
        await run.RecordBatchAsync(target.Name, $"{rows} rows {action} by retention ({policy.Days} days from {policy.From})").ConfigureAwait(false);
        foreach (var effect in effects)
        {
            await run.RecordBatchAsync(
                step.Plan.Name(effect.Entity),
                effect.Deleted
                    ? $"{effect.Rows} rows deleted by the database's cascade from {step.Plan.Name(effect.Principal)} by retention of {target.Name} " +
                        $"({policy.Days} days from {policy.From})"
                    : $"{effect.Rows} rows anonymised by retention of {target.Name} before deleting {step.Plan.Name(effect.Principal)} set their subject " +
                        "column to null").ConfigureAwait(false);
        }

        run.State.Add(effects, target, policy, step.DueBefore, step.Plan);
        return rows;
    }

    /// <summary>One batch in one transaction: what its delete does to dependents is counted (and rows whose subject
    /// column it clears are anonymised) first, then the batch is deleted or anonymised.</summary>
    private static async Task<(int Rows, List<DependentEffect> Effects)> ApplyBatchAsync(
        RetentionStep step,
        LambdaExpression works,
        int batchSize,
        CancellationToken cancellationToken)
    {
        var (run, target) = (step.Run, step.Target);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var now = run.Time.GetUtcNow();
                var batch = target.Batch(run.Context, works, batchSize);
                if (target.Policy.Then != RetentionAction.Delete)
                {
                    return (await target.ApplyAsync(batch, now, cancellationToken).ConfigureAwait(false), []);
                }

                await using var transaction = await run.Context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var effects = await step.Plan.DependentsAsync(batch, target.EntityType, step.Index, now.UtcDateTime, cancellationToken).ConfigureAwait(false);
                var rows = await target.ApplyAsync(batch, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (rows, effects);
            }
            catch (Exception ex) when (attempt < TransientAttempts && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                RetentionLog.LogTransient(run.Logger, target.Name, attempt, ex);
            }
        }
    }

    private static bool IsTransient(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
