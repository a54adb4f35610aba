using System.Runtime.CompilerServices;
using DataGuard.Audit;
using DataGuard.Masking;
using DataGuard.EntityFrameworkCore.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>
/// Records every insert, update and delete of an entity with personal data on the audit chain, in the same transaction
/// as the change. Before saving it notes the changes (names of personal properties, never values) and, when the
/// application has no transaction open, begins one; after a successful save it appends the entries (now with
/// database-generated keys) and commits. A failed or cancelled save rolls that transaction back, so there is never an
/// audit row without its change or a change without its audit row. Inside an application transaction the entries
/// commit or roll back with it.
/// </summary>
internal sealed class AuditSaveChangesInterceptor(IAuditContext auditContext, TimeProvider time, ILogger<AuditSaveChangesInterceptor> logger, IOptions<AuditOptions> options, DataMasker? masker = null) : SaveChangesInterceptor
{
    // Validated at start-up (AuditMaskingValidator): RecordMaskedValues needs AddMasking().
    private readonly DataMasker? _masker = options.Value.RecordMaskedValues ? masker : null;

    private readonly ConditionalWeakTable<DbContext, PendingAudit> _pending = [];
    private readonly ConditionalWeakTable<IEntityType, AuditedEntityType?> _types = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Prepare(eventData.Context, async: false, CancellationToken.None).GetAwaiter().GetResult();
        EnterSave(eventData.Context);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await Prepare(eventData.Context, async: true, cancellationToken).ConfigureAwait(false);
        EnterSave(eventData.Context);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Complete(eventData.Context, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await Complete(eventData.Context, async: true, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context, async: false).GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) => Abandon(eventData.Context, async: true);

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context, async: false).GetAwaiter().GetResult();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) => Abandon(eventData.Context, async: true);

    private async Task Prepare(DbContext? context, bool async, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            return;
        }

        // A SaveChanges that failed before reaching our failure hook must not leave its transaction behind.
        await Abandon(context, async).ConfigureAwait(false);

        var changes = Collect(context, out var lookups);
        if (changes is null)
        {
            return;
        }

        if (lookups is not null)
        {
            // Before the save: a principal the save deletes (or a cascade removes) is still there to be read.
            await AuditSubjectPathResolver.ResolveAsync(context, lookups, async, cancellationToken).ConfigureAwait(false);
        }

        IDbContextTransaction? owned = null;
        if (context.Database.CurrentTransaction is null && System.Transactions.Transaction.Current is null)
        {
            if (context.Database.CreateExecutionStrategy().RetriesOnFailure)
            {
                throw new InvalidOperationException(
                    $"{context.GetType().Name} uses a retrying execution strategy, so DataGuard cannot open the transaction that keeps audit entries atomic with the change. " +
                    "Save inside strategy.ExecuteAsync(async () => { await using var tx = await db.Database.BeginTransactionAsync(); await db.SaveChangesAsync(); await tx.CommitAsync(); }).");
            }

            owned = async
                ? await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
                : context.Database.BeginTransaction();
        }

        // Inside a transaction EF Core wraps the save in a savepoint, so that a failed save leaves the application's
        // transaction usable. A transaction DataGuard opened is rolled back whole on failure, as EF Core's own would be,
        // so the savepoint buys nothing and costs SQLite a statement journal of every page the save touches (a third
        // of the audit's overhead on 1,000 rows, benchmarks/README.md). Restored when the save completes or fails.
        var savepoints = context.Database.AutoSavepointsEnabled;
        if (owned is not null)
        {
            context.Database.AutoSavepointsEnabled = false;
        }

        _pending.AddOrUpdate(context, new PendingAudit(changes, owned, savepoints, auditContext.Actor, auditContext.Purpose, auditContext.CorrelationId));

        // EF Core reports a DbUpdateConcurrencyException only through the context's event, not through the interceptors'
        // SaveChangesFailed: without this, DataGuard's transaction (and SQLite's write lock) would stay open until the
        // context's next save. Removed first, so a context saved many times subscribes once.
        context.SaveChangesFailed -= OnSaveChangesFailed;
        context.SaveChangesFailed += OnSaveChangesFailed;
    }

    /// <summary>Marks the context as saving until the save ends (its statements are audited entity by entity), also
    /// when nothing personal changed: a concurrency conflict is reported only through the context's event.</summary>
    private void EnterSave(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        AuditSavingContexts.Enter(context);
        context.SaveChangesFailed -= OnSaveChangesFailed;
        context.SaveChangesFailed += OnSaveChangesFailed;
    }

    private void OnSaveChangesFailed(object? sender, SaveChangesFailedEventArgs e)
    {
        if (e.Exception is DbUpdateConcurrencyException)
        {
            // An event handler cannot await; this is a failure path, and the rollback is one round trip at most.
            Abandon(sender as DbContext, async: false).GetAwaiter().GetResult();
        }
    }

    private List<PendingAuditChange>? Collect(DbContext context, out List<(PendingAuditChange, AuditSubjectPathStep)>? lookups)
    {
        lookups = null;
        List<PendingAuditChange>? changes = null;
        List<PendingAuditChange>? owned = null;
        PersonalDataModelHolder? model = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.EntityInserted,
                EntityState.Modified => AuditActions.EntityUpdated,
                EntityState.Deleted => AuditActions.EntityDeleted,
                _ => null,
            };
            if (action is null)
            {
                continue;
            }

            model ??= new PersonalDataModelHolder(context);
            if (Describe(entry.Metadata, model) is not { } type)
            {
                continue;
            }

            var properties = entry.State == EntityState.Modified ? type.ModifiedPersonal(entry) : type.AllPersonal;
            var reread = entry.State == EntityState.Added && type.HasTemporaryValues(entry);
            var change = new PendingAuditChange(entry, type, action, properties, reread ? null : type.Key(entry), reread ? null : type.Subject(entry), reread, type.MaskedChanges(entry));
            if (type.Ownership is not null)
            {
                (owned ??= []).Add(change); // its owner's entry is found once every entry has been seen
            }
            else if (type.Path is not null)
            {
                StartPath(change, ref lookups);
            }

            (changes ??= []).Add(change);
        }

        if (owned is not null)
        {
            // The changes were detected by the loop above: walking the entries again need not detect them a second time.
            var detect = context.ChangeTracker.AutoDetectChangesEnabled;
            context.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                FindOwners(context, owned, model!, ref lookups);
            }
            finally
            {
                context.ChangeTracker.AutoDetectChangesEnabled = detect;
            }
        }

        return changes;
    }

    private static void StartPath(PendingAuditChange change, ref List<(PendingAuditChange, AuditSubjectPathStep)>? lookups)
    {
        var step = change.SubjectSource!.Path!.Walk(change.SubjectEntry!);
        change.SubjectAfterSave = step.Kind == AuditSubjectPathKind.AfterSave;
        change.Subject = step.Subject;
        if (step.Kind == AuditSubjectPathKind.Lookup)
        {
            (lookups ??= []).Add((change, step));
        }
    }

    /// <summary>An owned type has no subject of its own: its changes carry the subject of the entity that owns it (the
    /// outermost owner, for owned types inside owned types). EF Core tracks an owned instance only with its owner, so the
    /// owner is among the tracked entries, found by the ownership's key values.</summary>
    private void FindOwners(DbContext context, List<PendingAuditChange> owned, PersonalDataModelHolder model, ref List<(PendingAuditChange, AuditSubjectPathStep)>? lookups)
    {
        var principals = owned.Select(static c => c.Type.Ownership!.PrincipalEntityType).ToHashSet();
        var byKey = new Dictionary<(IEntityType, CompositeKey), EntityEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (principals.Contains(entry.Metadata))
            {
                var key = entry.Metadata.FindPrimaryKey();
                if (key is not null)
                {
                    byKey.TryAdd((entry.Metadata, Values(entry, key.Properties)), entry);
                }
            }
        }

        foreach (var change in owned)
        {
            EntityEntry? current = change.Entry;
            var ownership = change.Type.Ownership;
            while (current is not null && ownership is not null)
            {
                current = byKey.GetValueOrDefault((ownership.PrincipalEntityType, Values(current, ownership.Properties)))
                    ?? FindOwner(context, current, ownership, byKey);
                ownership = current?.Metadata.FindOwnership();
            }

            change.SubjectEntry = current;
            change.SubjectSource = current is null ? null : Describe(current.Metadata, model);
            change.Subject = null;
            change.SubjectAfterSave = false;
            if (change.SubjectSource is not { } source)
            {
                continue;
            }

            if (source.Path is not null)
            {
                StartPath(change, ref lookups);
            }
            else if (source.HasTemporaryValues(current!))
            {
                change.SubjectAfterSave = true;
            }
            else
            {
                change.Subject = source.Subject(current!);
            }
        }
    }

    /// <summary>An owner that is itself owned (nested owned types) was not indexed up front: found the same way.</summary>
    private static EntityEntry? FindOwner(DbContext context, EntityEntry owned, IForeignKey ownership, Dictionary<(IEntityType, CompositeKey), EntityEntry> byKey)
    {
        var principal = ownership.PrincipalEntityType;
        if (byKey.Keys.Any(k => k.Item1 == principal))
        {
            return null;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Metadata == principal && principal.FindPrimaryKey() is { } key)
            {
                byKey.TryAdd((principal, Values(entry, key.Properties)), entry);
            }
        }

        return byKey.GetValueOrDefault((principal, Values(owned, ownership.Properties)));
    }

    private static CompositeKey Values(EntityEntry entry, IReadOnlyList<IProperty> properties)
    {
        var values = new object[properties.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = entry.Property(properties[i]).CurrentValue ?? DBNull.Value;
        }

        return new CompositeKey(values);
    }

    private AuditedEntityType? Describe(IEntityType entityType, PersonalDataModelHolder model)
    {
        if (_types.TryGetValue(entityType, out var known))
        {
            return known;
        }

        var descriptor = PersonalEntityLookup.Find(model.Model, entityType);
        var type = descriptor is { HoldsPersonalData: true } ? new AuditedEntityType(entityType, descriptor, _masker) : null;
        _types.AddOrUpdate(entityType, type);
        return type;
    }

    private async Task Complete(DbContext? context, bool async, CancellationToken cancellationToken)
    {
        AuditSavingContexts.Leave(context);
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        _pending.Remove(context);
        var now = AuditChain.Truncate(time.GetUtcNow());
        var records = new List<AuditRecord>(pending.Changes.Count);
        try
        {
            await ResolveAfterSave(context, pending.Changes, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            AuditLog.AppendFailed(logger, ex, pending.Changes.Count);
            if (pending.OwnedTransaction is { } owned)
            {
                await RollBack(owned, async).ConfigureAwait(false);
                await Dispose(owned, async).ConfigureAwait(false);
                context.Database.AutoSavepointsEnabled = pending.AutoSavepoints;
            }

            throw;
        }

        foreach (var change in pending.Changes)
        {
            var entry = change.Entry;
            records.Add(new AuditRecord(
                now,
                change.Action,
                pending.Actor,
                change.Subject,
                change.Type.Name,
                change.RereadAfterSave ? change.Type.Key(entry) : change.Key,
                change.Properties,
                pending.Purpose,
                pending.CorrelationId,
                null,
                change.Changes));
        }

        try
        {
            await AuditChainAppender.AppendAsync(context, records, async, cancellationToken).ConfigureAwait(false);
            if (pending.OwnedTransaction is { } owned)
            {
                if (async)
                {
                    await owned.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    owned.Commit();
                }
            }
        }
        catch (Exception ex)
        {
            AuditLog.AppendFailed(logger, ex, records.Count);
            if (pending.OwnedTransaction is { } owned)
            {
                // The changes were sent but not committed: rolling back keeps change and audit together.
                await RollBack(owned, async).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            await Dispose(pending.OwnedTransaction, async).ConfigureAwait(false);
            context.Database.AutoSavepointsEnabled = pending.AutoSavepoints;
        }
    }

    /// <summary>Reads the subjects the database generated during the save: a subject property of the entity itself, or
    /// one at the end of its subject path (tracked now, or else read by key).</summary>
    private static async Task ResolveAfterSave(DbContext context, List<PendingAuditChange> changes, bool async, CancellationToken cancellationToken)
    {
        List<(PendingAuditChange, AuditSubjectPathStep)>? lookups = null;
        foreach (var change in changes)
        {
            if (!change.SubjectAfterSave || change.SubjectSource is not { } source || change.SubjectEntry is not { } entry)
            {
                continue;
            }

            if (source.Path is not { } path)
            {
                change.Subject = source.Subject(entry);
                continue;
            }

            var step = path.Walk(entry);
            change.Subject = step.Subject;
            if (step.Kind == AuditSubjectPathKind.Lookup)
            {
                (lookups ??= []).Add((change, step));
            }
        }

        if (lookups is not null)
        {
            await AuditSubjectPathResolver.ResolveAsync(context, lookups, async, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task Abandon(DbContext? context, bool async)
    {
        AuditSavingContexts.Leave(context);
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        _pending.Remove(context);
        if (pending.OwnedTransaction is { } owned)
        {
            await RollBack(owned, async).ConfigureAwait(false);
            await Dispose(owned, async).ConfigureAwait(false);
            context.Database.AutoSavepointsEnabled = pending.AutoSavepoints;
        }
    }

    private static async Task RollBack(IDbContextTransaction transaction, bool async)
    {
        try
        {
            if (async)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                transaction.Rollback();
            }
        }
        catch (InvalidOperationException)
        {
            // Already completed or the connection is gone: the database rolls back an uncommitted transaction itself.
        }
    }

    private static async Task Dispose(IDbContextTransaction? transaction, bool async)
    {
        if (transaction is null)
        {
            return;
        }

        if (async)
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            transaction.Dispose();
        }
    }

    /// <summary>Reads the personal-data model once per SaveChanges, only when a change needs it.</summary>
    private sealed class PersonalDataModelHolder(DbContext context)
    {
        public DataGuard.Model.PersonalDataModel Model { get; } = context.Model.GetPersonalDataModel();
    }
}
