namespace DataGuard.AspNetCore.Console;

/// <summary>What a running retention run has committed so far for one entity and one kind of change, read from the
/// run's <c>retention.batch</c> audit entries.</summary>
internal sealed record RetentionBatchProgress(string Entity, string Change, long Rows, int Batches);
