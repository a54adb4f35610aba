using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using DataGuard.Audit;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>
/// Re-encrypts through EF Core itself: a batch of rows not yet on the active key is loaded (the value converters
/// decrypt them, legacy plaintext included in migration mode), every encrypted property is marked modified, and
/// SaveChanges writes them back under the active key — one transaction per batch, one fresh context per batch so
/// memory stays flat.
/// </summary>
internal sealed partial class EntityFrameworkFieldReencryptor<TContext>(
    IServiceScopeFactory scopes,
    FieldEncryptor encryptor,
    IAuditTrail audit,
    ILogger<EntityFrameworkFieldReencryptor<TContext>> logger) : IFieldReencryptor
    where TContext : DbContext
{
    private static readonly MethodInfo ReadBatchMethod = typeof(EntityFrameworkFieldReencryptor<TContext>).GetMethod(nameof(ReadBatchAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public async Task<ReencryptionReport> RunAsync(IProgress<ReencryptionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await encryptor.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var batchSize = encryptor.Options.Encryption.ReencryptionBatchSize;
        var rows = new Dictionary<string, long>();

        List<ReencryptionTarget> targets;
        await using (var scope = scopes.CreateAsyncScope())
        {
            targets = ReencryptionTarget.For(scope.ServiceProvider.GetRequiredService<TContext>().Model).ToList();
        }

        foreach (var target in targets)
        {
            var name = target.EntityType.DisplayName();
            var read = ReadBatchMethod.MakeGenericMethod(target.EntityType.ClrType);
            object? lastKey = null;
            long done = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var activeKey = encryptor.Ring.ActiveKey.Id;
                await using var scope = scopes.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<TContext>();
                var sql = target.SelectNotOnKey(context, activeKey);
                var batch = await ((Task<List<object>>)read.Invoke(null, [context, sql, target, lastKey, batchSize, cancellationToken])!).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var entity in batch)
                {
                    var entry = context.Entry(entity);
                    foreach (var property in entry.Metadata.GetProperties())
                    {
                        if (property.FindAnnotation(EncryptionAnnotationNames.Encrypted) is not null)
                        {
                            entry.Property(property).IsModified = true;
                        }
                    }
                }

                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                if (target.Key is { } key)
                {
                    lastKey = context.Entry(batch[^1]).Property(key).CurrentValue;
                }

                done += batch.Count;
                progress?.Report(new ReencryptionProgress(name, done, activeKey));
                LogBatch(logger, name, batch.Count, done, activeKey);
            }

            rows[name] = done;
        }

        var report = new ReencryptionReport(encryptor.Ring.ActiveKey.Id, rows, Stopwatch.GetElapsedTime(started));
        await audit.RecordAsync(new AuditEvent(AuditActions.DataReencrypted) { Details = $"{report.TotalRows} rows moved to key {report.ActiveKeyId}" }, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static async Task<List<object>> ReadBatchAsync<TEntity>(DbContext context, string sql, ReencryptionTarget target, object? lastKey, int batchSize, CancellationToken cancellationToken)
        where TEntity : class
    {
        var query = context.Set<TEntity>().FromSqlRaw(sql).AsTracking();
        var entity = Expression.Parameter(typeof(TEntity), "e");
        if (target.Key is { } key && lastKey is not null)
        {
            var keyAccess = Access(entity, key);
            var last = Expression.Convert(Expression.Constant(lastKey), key.ClrType);
            Expression after = key.ClrType == typeof(string)
                ? Expression.GreaterThan(Expression.Call(typeof(string), nameof(string.Compare), null, keyAccess, last), Expression.Constant(0))
                : Expression.GreaterThan(keyAccess, last);
            query = query.Where(Expression.Lambda<Func<TEntity, bool>>(after, entity));
        }

        for (var i = 0; i < target.OrderBy.Count; i++)
        {
            var property = target.OrderBy[i];
            var ordered = Expression.Call(typeof(Queryable), i == 0 ? nameof(Queryable.OrderBy) : nameof(Queryable.ThenBy), [typeof(TEntity), property.ClrType], query.Expression, Expression.Quote(Expression.Lambda(Access(entity, property), entity)));
            query = query.Provider.CreateQuery<TEntity>(ordered);
        }

        var rows = await query.Take(batchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ConvertAll(static r => (object)r);
    }

    private static MethodCallExpression Access(ParameterExpression entity, IProperty property)
        => Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], entity, Expression.Constant(property.Name));

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "DataGuard re-encrypted {Count} {Entity} rows to key {KeyId} ({Done} in this run)")]
    private static partial void LogBatch(ILogger logger, string entity, int count, long done, int keyId);
}
