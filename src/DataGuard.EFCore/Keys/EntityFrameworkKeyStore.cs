using System.Data.Common;
using DataGuard.EFCore.Retention;
using DataGuard.Keys;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Keys;

/// <summary>Keeps wrapped keys in the <c>DataGuardKeys</c> table of the application's store context. Each operation
/// uses a context of its own, so it never joins (or waits on) the caller's unit of work. In a tenant's scope
/// (<see cref="ITenantContext.Current"/>) it reads and writes that tenant's keys only (and the context it creates is the
/// tenant's, in the database-per-tenant layout); without one, the platform's keys.</summary>
internal sealed class EntityFrameworkKeyStore<TContext>(IServiceScopeFactory scopes, ITenantContext tenants)
    : ISubjectKeyStore, IKeyStoreProbe, IWrappedKeyStore, IEncryptionCountStore
    where TContext : DbContext
{
    private readonly KeyStoreTenantScope _scope = new();

    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var entityType = context.Model.FindEntityType(typeof(DataKeyRecord));
        if (entityType?.GetTableName() is not { } table)
        {
            return false;
        }

        // Plain ADO.NET: a missing table is an expected answer here, not an error for EF Core's logs.
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT 1 FROM {context.GetService<ISqlGenerationHelper>().DelimitIdentifier(table, entityType.GetSchema())} WHERE 1 = 0";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<DataKeyRecord>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var records = await RecordsAsync(context, cancellationToken).ConfigureAwait(false);
        return await records.Where(static k => k.SubjectId == null).OrderBy(static k => k.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<IQueryable<DataKeyRecord>> RecordsAsync(TContext context, CancellationToken cancellationToken)
        => _scope.RecordsAsync(context, tenants.Current, cancellationToken);

    public async Task<IReadOnlyList<DataKeyRecord>> GetSubjectKeysAsync(IReadOnlyCollection<string> subjectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjectIds);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var wanted = subjectIds as IList<string?> ?? subjectIds.ToList<string?>();
        var records = await RecordsAsync(context, cancellationToken).ConfigureAwait(false);
        return await records.Where(k => k.SubjectId != null && wanted.Contains(k.SubjectId)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DataKeyRecord>> GetSubjectKeysAsync(int firstId, int lastId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var records = await RecordsAsync(context, cancellationToken).ConfigureAwait(false);
        return await records
            .Where(k => k.Id >= firstId && k.Id <= lastId && k.SubjectId != null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DataKeyRecord>> AddSubjectKeysAsync(IReadOnlyList<DataKeyRecord> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var stored = new List<DataKeyRecord>(keys.Count);
        foreach (var key in keys)
        {
            KeyStoreTenantScope.EnsureSameTenant(key, tenants.Current);
            stored.Add(NewRow(key, key.SubjectId));
        }

        context.AddRange(stored);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<DataKeyRecord> AddAsync(DataKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        KeyStoreTenantScope.EnsureSameTenant(key, tenants.Current);
        var stored = NewRow(key, subjectId: null);
        context.Add(stored);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>A new row from the caller's record (the store assigns the id): ring keys have no subject, so
    /// <see cref="AddAsync"/> passes none whatever the record holds.</summary>
    private static DataKeyRecord NewRow(DataKeyRecord key, string? subjectId) => new()
    {
        Kind = key.Kind,
        Status = key.Status,
        SubjectId = subjectId,
        TenantId = key.TenantId,
        WrappedKey = key.WrappedKey,
        CreatedAt = key.CreatedAt,
        StatusChangedAt = key.StatusChangedAt,
    };

    public async Task UpdateAsync(DataKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();

        // A destroyed wrapped key (shred, retirement) must not survive in SQLite's free space or write-ahead log.
        await using var scrub = key.WrappedKey is null ? await SqliteScrubber.BeginAsync(context, cancellationToken).ConfigureAwait(false) : null;
        var updated = await KeyStoreTenantScope.Writable(context, tenants.Current)
            .Where(k => k.Id == key.Id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(k => k.Status, key.Status)
                    .SetProperty(k => k.WrappedKey, key.WrappedKey)
                    .SetProperty(k => k.StatusChangedAt, key.StatusChangedAt),
                cancellationToken)
            .ConfigureAwait(false);
        if (updated == 0)
        {
            throw new KeyNotFoundException($"No key has id {key.Id}.");
        }

        if (scrub is not null && await scrub.CompleteAsync(cancellationToken).ConfigureAwait(false) == ScrubOutcome.CopiesMayRemain)
        {
            throw new DatabaseResidueException($"Key {key.Id} was destroyed, but its wrapped form may still be in the SQLite database's write-ahead log: " +
                $"another connection kept a read transaction open through {SqliteScrubber.Attempts} checkpoint attempts. Run PRAGMA wal_checkpoint(TRUNCATE) " +
                "once the readers are done.");
        }
    }

    public async Task<bool> ReplaceWrappedKeyAsync(int keyId, byte[] expected, byte[] replacement, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();

        // Only if unchanged since it was read: a subject shredded meanwhile must stay shredded.
        return await KeyStoreTenantScope.Writable(context, tenants.Current)
            .Where(k => k.Id == keyId && k.WrappedKey == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.WrappedKey, replacement), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    public async Task<int> GetLastKeyIdAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        return await context.Set<DataKeyRecord>().MaxAsync(static k => (int?)k.Id, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    public async Task<bool> TryReserveEncryptionsAsync(int keyId, long count, long budget, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();

        // One statement: the database serialises concurrent reservations on the row (PostgreSQL re-checks the condition
        // on the row's latest version, SQLite holds the write lock), so the reserved total never passes the budget.
        var limit = budget - count;
        return await KeyStoreTenantScope.Writable(context, tenants.Current)
            .Where(k => k.Id == keyId && k.Kind == DataKeyKind.Data && k.Status == DataKeyStatus.Active && k.SubjectId == null
                        && EF.Property<long>(k, DataKeyRecordConfiguration.EncryptionsReservedColumn) <= limit)
            .ExecuteUpdateAsync(
                s => s.SetProperty(
                    k => EF.Property<long>(k, DataKeyRecordConfiguration.EncryptionsReservedColumn),
                    k => EF.Property<long>(k, DataKeyRecordConfiguration.EncryptionsReservedColumn) + count),
                cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    public async Task<bool> TryDeactivateAsync(int keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        return await KeyStoreTenantScope.Writable(context, tenants.Current)
            .Where(k => k.Id == keyId && k.Status == DataKeyStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.Status, DataKeyStatus.DecryptOnly).SetProperty(k => k.StatusChangedAt, at), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    public async Task<long> GetReservedEncryptionsAsync(int keyId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        return await context.Set<DataKeyRecord>()
            .Where(k => k.Id == keyId)
            .Select(static k => EF.Property<long>(k, DataKeyRecordConfiguration.EncryptionsReservedColumn))
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }
}
