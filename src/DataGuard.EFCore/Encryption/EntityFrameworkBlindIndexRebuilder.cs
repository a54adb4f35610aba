using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using DataGuard.Encryption;
using DataGuard.EFCore.Leases;
using DataGuard.EFCore.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// Rebuilds blind indexes through EF Core: per table with searchable columns it takes the lease
/// <c>blindindex:&lt;entity&gt;</c> (renewed by a heartbeat), selects a batch of rows whose index does not carry the
/// current tag (<see cref="BlindIndexColumn.CurrentTag"/>: rule version and options), recomputes their indexes from the
/// decrypted values and saves them, one transaction and one fresh context per batch so memory stays flat. The selection
/// itself is the checkpoint: a rebuilt row no longer matches it, so a run that stops resumes where it stopped.
/// </summary>
internal sealed partial class EntityFrameworkBlindIndexRebuilder<TContext>(
    IServiceScopeFactory scopes,
    FieldEncryptor encryptor,
    TimeProvider time,
    ILogger<EntityFrameworkBlindIndexRebuilder<TContext>> logger) : IBlindIndexRebuilder
    where TContext : DbContext
{
    private static readonly MethodInfo ReadBatchMethod = typeof(EntityFrameworkBlindIndexRebuilder<TContext>).GetMethod(
        nameof(ReadBatchAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly TimeSpan LeaseTimeToLive = TimeSpan.FromSeconds(30);

    private readonly JobLeases _leases = new(scopes, typeof(TContext), time);

    public async Task<BlindIndexRebuildReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await encryptor.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var batchSize = encryptor.Options.Encryption.ReencryptionBatchSize;
        var rows = new Dictionary<string, long>();
        var skipped = new List<string>();

        List<IEntityType> targets;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            targets = Targets(context.Model).ToList();

            // Tables with a tenant column are rebuilt per tenant: refused at platform level before anything changes.
            DataGuard.EFCore.Infrastructure.TenantScoping.Require(context, targets);
        }

        foreach (var target in targets)
        {
            var name = EntityTypeSpecReader.DataGuardName(target);
            var leaseName = LeaseNames.For("blindindex", name);
            var request = new LeaseRequest(leaseName, LeaseTimeToLive) { RenewFailed = ex => LogRenewFailed(logger, leaseName, ex) };
            await using var job = await _leases.TryStartAsync(request, null, cancellationToken).ConfigureAwait(false);
            if (job is null)
            {
                skipped.Add(name);
                continue;
            }

            rows[name] = await RebuildAsync(target, name, batchSize, job, cancellationToken).ConfigureAwait(false);
        }

        return new BlindIndexRebuildReport(rows, skipped, Stopwatch.GetElapsedTime(started));
    }

    private async Task<long> RebuildAsync(IEntityType target, string name, int batchSize, LeasedJob job, CancellationToken cancellationToken)
    {
        var read = ReadBatchMethod.MakeGenericMethod(target.ClrType);
        var primaryKey = target.FindPrimaryKey()!.Properties;
        var key = primaryKey is [var single] && (single.ClrType == typeof(int) || single.ClrType == typeof(long) || single.ClrType == typeof(string))
            ? single
            : null; // keyset paging for simple keys; other keys rescan from the start, which the selection keeps correct
        var paging = new BlindIndexPaging(primaryKey, key, batchSize);
        object? lastKey = null;
        long done = 0;
        await job.RunBatchesAsync(
            async ct =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<TContext>();
                var sql = SelectStale(context, target);
                var batch = await ((Task<List<object>>)read.Invoke(null, [context, sql, paging, lastKey, ct])!).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return false;
                }

                Recompute(context, batch);
                await context.SaveChangesAsync(ct).ConfigureAwait(false);
                if (key is not null)
                {
                    lastKey = context.Entry(batch[^1]).Property(key).CurrentValue;
                }

                done += batch.Count;
                LogBatch(logger, name, batch.Count, done);
                return true;
            },
            cancellationToken).ConfigureAwait(false);

        if (job.IsLost)
        {
            LogLeaseLost(logger, name);
        }

        return done;
    }

    private void Recompute(DbContext context, List<object> batch)
    {
        foreach (var entity in batch)
        {
            var entry = context.Entry(entity);
            foreach (var binding in BlindIndexBinding.For(entry.Metadata, encryptor))
            {
                entry.Property(binding.Index).CurrentValue = entry.Property(binding.Source).CurrentValue is string value ? binding.Column.Compute(value) : null;
                entry.Property(binding.Index).IsModified = true;
            }
        }
    }

    /// <summary>Root entity types mapped to a table whose hierarchy has searchable properties.</summary>
    private static IEnumerable<IEntityType> Targets(IModel model)
        => model.GetEntityTypes().Where(static e => e.BaseType is null && !e.IsOwned() && e.GetTableName() is not null && e.FindPrimaryKey() is not null
            && e.GetDerivedTypesInclusive()
                .SelectMany(static t => t.GetDeclaredProperties())
                .Any(static p => p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf) is not null));

    /// <summary>The rows of which some index is set but does not start with its column's current tag (or is a rule-1
    /// value, which has no tag and is one byte shorter).</summary>
    private string SelectStale(DbContext context, IEntityType target)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(target.GetTableName()!, target.GetSchema());
        var postgres = (context.Database.ProviderName ?? "").Contains("Npgsql", StringComparison.Ordinal);
        var where = new StringBuilder();
        foreach (var index in target.GetDerivedTypesInclusive()
            .SelectMany(static t => t.GetDeclaredProperties())
            .Where(static p => p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf) is not null))
        {
            var column = sql.DelimitIdentifier(index.GetColumnName(table)!);
            var tag = BlindIndexColumn.Tag(encryptor.Options.Encryption).ToString("X2", CultureInfo.InvariantCulture);
            var firstByte = postgres ? $"substring({column} from 1 for 1) <> '\\x{tag}'::bytea" : $"substr({column}, 1, 1) <> X'{tag}'";
            where.Append(where.Length == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture, $"({column} IS NOT NULL AND (length({column}) " +
                $"<> {BlindIndexColumn.Size} OR {firstByte}))");
        }

        return $"SELECT * FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {where}";
    }

    private static async Task<List<object>> ReadBatchAsync<TEntity>(
        DbContext context,
        string sql,
        BlindIndexPaging paging,
        object? lastKey,
        CancellationToken cancellationToken)
        where TEntity : class
    {
        var (primaryKey, key, batchSize) = paging;
        var entityType = context.Model.FindEntityType(typeof(TEntity))!;
        var query = DataGuard.EFCore.Infrastructure.TenantScoping.Scope(context, entityType, context.Set<TEntity>().FromSqlRaw(sql).AsTracking());
        var entity = Expression.Parameter(typeof(TEntity), "e");
        if (key is not null && lastKey is not null)
        {
            var keyAccess = Access(entity, key);
            var last = Expression.Convert(Expression.Constant(lastKey), key.ClrType);
            Expression after = key.ClrType == typeof(string)
                ? Expression.GreaterThan(Expression.Call(typeof(string), nameof(string.Compare), null, keyAccess, last), Expression.Constant(0))
                : Expression.GreaterThan(keyAccess, last);
            query = query.Where(Expression.Lambda<Func<TEntity, bool>>(after, entity));
        }

        query = DataGuard.EFCore.Infrastructure.PrimaryKeyOrder.OrderByKey(query, primaryKey);
        var rows = await query.Take(batchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ConvertAll(static r => (object)r);
    }

    private static MethodCallExpression Access(ParameterExpression entity, IProperty property)
        => Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], entity, Expression.Constant(property.Name));

    [LoggerMessage(EventId = 1150, Level = LogLevel.Information, Message = "DataGuard rebuilt the blind indexes of {Count} {Entity} rows ({Done} in this run)")]
    private static partial void LogBatch(ILogger logger, string entity, int count, long done);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Warning, Message = "DataGuard lost the blind-index rebuild lease of {Entity}; another instance took it " +
        "over")]
    private static partial void LogLeaseLost(ILogger logger, string entity);

    [LoggerMessage(EventId = 1152, Level = LogLevel.Warning, Message = "DataGuard could not renew lease {Lease}; it retries at the next heartbeat")]
    private static partial void LogRenewFailed(ILogger logger, string lease, Exception exception);
}
