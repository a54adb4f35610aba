using System.Diagnostics;
using DataGuard.Audit;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>
/// Re-encrypts with plain SQL beside the application: a batch of rows holding a value not on the active key is read in
/// key order (no query filter applies), each value is decrypted and encrypted under the active ring key, and each row is
/// written with an <c>UPDATE … WHERE</c> that names the values it read — a row the application changed meanwhile is
/// left alone (its new value is already on the active key, or the next pass moves it). One transaction per batch, one
/// fresh context per batch, so memory stays flat. A value that cannot be decrypted is skipped and reported.
/// </summary>
internal sealed partial class EntityFrameworkFieldReencryptor<TContext>(
    IServiceScopeFactory scopes,
    FieldEncryptor encryptor,
    IAuditTrail audit,
    ILogger<EntityFrameworkFieldReencryptor<TContext>> logger) : IFieldReencryptor
    where TContext : DbContext
{
    /// <summary>A pass re-reads the rows whose write lost to a concurrent change; writers on a stale key could keep that
    /// going, so the job stops after this many passes and says so (the next run picks them up).</summary>
    private const int MaxPasses = 20;

    /// <summary>Skipped values listed in the report; all of them are counted.</summary>
    private const int MaxListedSkips = 1_000;

    public async Task<ReencryptionReport> RunAsync(IProgress<ReencryptionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var activity = DataGuard.Diagnostics.DataGuardActivitySource.Start(DataGuard.Diagnostics.DataGuardActivitySource.Reencrypt);
        var started = Stopwatch.GetTimestamp();
        await encryptor.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var batchSize = encryptor.Options.Encryption.ReencryptionBatchSize;
        var rows = new Dictionary<string, long>();
        var skipped = new List<ReencryptionSkippedValue>();
        var skippedKeys = new HashSet<(string, string, string)>();
        long skippedCount = 0;
        long conflictsLeft = 0;

        List<ReencryptionTarget> targets;
        await using (var scope = scopes.CreateAsyncScope())
        {
            targets = ReencryptionTarget.For(scope.ServiceProvider.GetRequiredService<TContext>().Model, encryptor).ToList();
        }

        foreach (var target in targets)
        {
            var name = target.Name;
            long done = 0;
            for (var pass = 1; ; pass++)
            {
                object?[]? lastKey = null;
                var conflicts = 0;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var activeKey = encryptor.Ring.ActiveKey.Id;
                    await using var scope = scopes.CreateAsyncScope();
                    var context = scope.ServiceProvider.GetRequiredService<TContext>();
                    await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                    await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    var batch = await target.ReadBatchAsync(context, activeKey, lastKey, batchSize, cancellationToken).ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    }

                    var moved = 0;
                    foreach (var row in batch)
                    {
                        var changes = Plan(target, row, activeKey, out var failure);
                        if (failure is not null)
                        {
                            var rowKey = target.KeyText(row);
                            if (skippedKeys.Add((name, failure.Property ?? "", rowKey)))
                            {
                                skippedCount++;
                                LogSkipped(logger, name, failure.Property, failure.KeyId, rowKey);
                                if (skipped.Count < MaxListedSkips)
                                {
                                    skipped.Add(new ReencryptionSkippedValue(name, failure.Property ?? "", failure.KeyId, rowKey, failure.Message));
                                }
                            }
                        }

                        if (changes.Count == 0)
                        {
                            continue;
                        }

                        if (await target.UpdateAsync(context, row, changes, cancellationToken).ConfigureAwait(false) == 0)
                        {
                            conflicts++;
                        }
                        else
                        {
                            moved++;
                        }
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    lastKey = batch[^1][..target.KeyColumns.Count];
                    done += moved;
                    progress?.Report(new ReencryptionProgress(name, done, activeKey));
                    LogBatch(logger, name, moved, done, activeKey);
                }

                if (conflicts == 0)
                {
                    break;
                }

                LogConflicts(logger, name, conflicts, pass);
                if (pass == MaxPasses)
                {
                    conflictsLeft += conflicts;
                    break;
                }
            }

            rows[name] = done;
        }

        var report = new ReencryptionReport(encryptor.Ring.ActiveKey.Id, rows, Stopwatch.GetElapsedTime(started))
        {
            SkippedValues = skipped,
            SkippedCount = skippedCount,
            ConflictsLeft = conflictsLeft,
        };
        var details = $"{report.TotalRows} rows moved to key {report.ActiveKeyId}"
            + (skippedCount > 0 ? $"; {skippedCount} values could not be decrypted and were skipped" : "")
            + (conflictsLeft > 0 ? $"; {conflictsLeft} rows kept changing and are left for the next run" : "");
        await audit.RecordAsync(new AuditEvent(AuditActions.DataReencrypted) { Details = details }, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>The values of a row to move, each decrypted and encrypted again; the first value that cannot be decrypted
    /// leaves the whole row alone and is returned as <paramref name="failure"/>.</summary>
    private static List<(ReencryptionColumn Column, object Old, object New, byte[]? Index)> Plan(ReencryptionTarget target, object?[] row, int activeKey, out DataGuardCryptoException? failure)
    {
        failure = null;
        var changes = new List<(ReencryptionColumn, object, object, byte[]?)>();
        for (var i = 0; i < target.Columns.Count; i++)
        {
            var column = target.Columns[i];
            var stored = row[target.KeyColumns.Count + (i * 2)];
            if (stored is null || !column.NeedsMove(stored, activeKey))
            {
                continue;
            }

            try
            {
                var (moved, plain) = column.Move(stored, column.RowBound ? target.RowId(row) : null);

                // The plaintext does not change, nor does the blind-index key: an existing index stays as it is. A
                // missing one is filled for a real value (legacy plaintext being encrypted), never for an empty one —
                // an anonymised row keeps no index, so searching for "" cannot find it.
                var index = column.BlindIndex is not null && row[target.KeyColumns.Count + (i * 2) + 1] is null && !string.IsNullOrEmpty(plain)
                    ? column.BlindIndex.Compute(plain)
                    : null;
                changes.Add((column, stored, moved, index));
            }
            catch (DataGuardCryptoException ex)
            {
                failure = ex.KeyId is null && ColumnKeyId(stored) is { } keyId
                    ? new DataGuardCryptoException(ex.Message, ex.Entity, ex.Property, keyId, ex)
                    : ex;
                changes.Clear();
                return changes;
            }
        }

        return changes;
    }

    private static int? ColumnKeyId(object stored) => ReencryptionColumn.TryReadRingKeyId(stored, out var keyId) ? keyId : null;

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "DataGuard re-encrypted {Count} {Entity} rows to key {KeyId} ({Done} in this run)")]
    private static partial void LogBatch(ILogger logger, string entity, int count, long done, int keyId);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "DataGuard skipped a {Entity} row ({RowKey}) in re-encryption: {Property} on key {KeyId} cannot be decrypted")]
    private static partial void LogSkipped(ILogger logger, string entity, string? property, int? keyId, string rowKey);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information, Message = "DataGuard left {Count} {Entity} rows changed by the application during pass {Pass} of re-encryption; reading them again")]
    private static partial void LogConflicts(ILogger logger, string entity, int count, int pass);
}
