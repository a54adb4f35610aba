using DataGuard.Model;

namespace DataGuard.Retention;

/// <summary>
/// Applies the retention policies declared with <see cref="RetainAttribute"/> or the fluent <c>HasRetention</c>: rows
/// past their period are deleted or anonymised in batches, rows under a legal hold are kept. Registered by
/// <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>; <c>AddRetentionJob()</c> runs it on a schedule.
/// </summary>
public interface IRetentionService
{
    /// <summary>Runs every retention policy once. Each batch commits on its own, so a run that is cancelled or crashes
    /// keeps the batches it finished and a later run completes the rest.</summary>
    /// <param name="dryRun">When <see langword="true"/>, nothing changes: the report says what a run would delete,
    /// anonymise and keep.</param>
    /// <param name="cancellationToken">Stops the run after the batch in flight.</param>
    /// <returns>What happened (or would happen), per entity.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<RetentionReport> RunAsync(bool dryRun = false, CancellationToken cancellationToken = default);
}
