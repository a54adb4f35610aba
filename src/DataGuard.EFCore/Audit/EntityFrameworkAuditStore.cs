using DataGuard.Audit;
using DataGuard.EFCore.Stores;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Audit;

/// <summary>Queries, checkpoints and prunes the audit chain stored in the store context: the current tenant's chain
/// (<see cref="AuditTenant.Current"/>), or the platform's outside any tenant; no other chain's rows are read.</summary>
internal sealed partial class EntityFrameworkAuditStore(
    IServiceScopeFactory scopes,
    DataGuardStoreRegistration store,
    IOptions<AuditOptions> options,
    TimeProvider time,
    SubjectIdCanonicalizer subjectIds) : IAuditStore
{
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, AuditQuery.MaxPageSize, nameof(query));

        await using var scope = AuditStoreScope.Create(scopes, store);
        var after = query.AfterSequence;
        var tenant = AuditTenant.Current(scope.Context);
        var rows = scope.Context.Set<AuditEntryRecord>().AsNoTracking().Where(e => e.TenantId == tenant && e.Sequence > after);
        if (query.SubjectId is { } subjectId)
        {
            // The narrow key is what the index holds; rows written before it existed have none and are matched by
            // their subject id alone (AuditEntryRecord.SubjectKey).
            var subject = subjectIds.CanonicalOrAsGiven(subjectId).Value; // entries are recorded under the model's spelling
            var key = AuditSubjectKey.Of(subject);
            rows = rows.Where(e => (e.SubjectKey == key || e.SubjectKey == null) && e.SubjectId == subject);
        }

        if (query.Actor is { } actor)
        {
            rows = rows.Where(e => e.Actor == actor);
        }

        if (query.Action is { } action)
        {
            rows = rows.Where(e => e.Action == action);
        }

        if (query.EntityType is { } entityType)
        {
            rows = rows.Where(e => e.EntityType == entityType);
        }

        if (query.EntityKey is { } entityKey)
        {
            rows = rows.Where(e => e.EntityKey == entityKey);
        }

        if (query.From is { } from)
        {
            var fromUtc = from.UtcDateTime;
            rows = rows.Where(e => e.Timestamp >= fromUtc);
        }

        if (query.Until is { } until)
        {
            var untilUtc = until.UtcDateTime;
            rows = rows.Where(e => e.Timestamp < untilUtc);
        }

        var page = await rows.OrderBy(e => e.Sequence).Take(query.PageSize + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var more = page.Count > query.PageSize;
        var entries = page.Take(query.PageSize).Select(AuditRecordMapper.ToEntry).ToList();
        return new AuditPage(entries, more ? entries[^1].Sequence : null);
    }

    public async Task<AuditCheckpoint> CreateCheckpointAsync(CancellationToken cancellationToken = default)
    {
        var certificate = options.Value.CheckpointCertificate
            ?? throw new InvalidOperationException("Audit checkpoints need a certificate: set AuditOptions.CheckpointCertificate in AddAuditing(o => ...).");
        await using var scope = AuditStoreScope.Create(scopes, store);
        var db = scope.Context;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, certificate, now: time.GetUtcNow(), tenant: AuditTenant.Current(db)),
            static async (_, state, ct) =>
            {
                var (db, certificate, now, tenant) = state;
                await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                var head = await db.Set<AuditHeadRecord>().AsNoTracking().SingleOrDefaultAsync(h => h.TenantId == tenant, ct).ConfigureAwait(false)
                    ?? new AuditHeadRecord { TenantId = tenant, Hash = AuditChain.GenesisHash.ToArray() };
                var existing = await db.Set<AuditCheckpointRecord>().AsNoTracking()
                    .SingleOrDefaultAsync(c => c.TenantId == tenant && c.Sequence == head.Sequence, ct).ConfigureAwait(false);
                if (existing is not null)
                {
                    return AuditCheckpoint.Verify(existing.SignedData, certificate);
                }

                var checkpoint = AuditCheckpoint.Sign(head.Sequence, head.Hash, now, certificate);
                db.Add(new AuditCheckpointRecord
                {
                    TenantId = tenant,
                    Sequence = checkpoint.Sequence,
                    CreatedAt = checkpoint.CreatedAt.UtcDateTime,
                    Hash = checkpoint.Hash.ToArray(),
                    SignedData = checkpoint.SignedData.ToArray(),
                });
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return checkpoint;
            },
            verifySucceeded: null,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PruneAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await using var scope = AuditStoreScope.Create(scopes, store);
        var db = scope.Context;
        var sequence = checkpoint.Sequence;
        var tenant = AuditTenant.Current(db);
        var stored = await db.Set<AuditCheckpointRecord>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.TenantId == tenant && c.Sequence == sequence, cancellationToken).ConfigureAwait(false);
        if (stored is null || !AuditChain.HashEquals(stored.Hash, checkpoint.Hash.Span))
        {
            throw new DataGuardAuditException($"No stored checkpoint matches sequence {sequence}; prune only behind a checkpoint made by " +
                "CreateCheckpointAsync.");
        }

        var entry = await db.Set<AuditEntryRecord>().AsNoTracking().Where(e => e.TenantId == tenant && e.Sequence == sequence)
            .Select(e => e.Hash).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (entry is not null && !AuditChain.HashEquals(entry, checkpoint.Hash.Span))
        {
            throw new DataGuardAuditException($"Entry {sequence} does not match the checkpoint; verify the chain before pruning.");
        }

        return await db.Set<AuditEntryRecord>().Where(e => e.TenantId == tenant && e.Sequence <= sequence)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
