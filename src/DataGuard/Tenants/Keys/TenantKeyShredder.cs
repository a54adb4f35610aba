using DataGuard.Audit;
using DataGuard.Keys;
using Microsoft.Extensions.Logging;

namespace DataGuard.Tenants.Keys;

/// <summary>
/// Tenant key shredding, the primitive tenant offboarding builds on: destroys a tenant's key-encryption key, so every
/// key it wrapped (the tenant's data, blind-index and subject keys) and so every encrypted value of the tenant, in this
/// database, its replicas and its backups, can never be read again. A tombstone stays, so the tenant is never given a
/// new key-encryption key and later writes in its scope fail with <see cref="TenantKeyUnavailableException"/>.
/// Destructive, so it checks first: <see cref="ShredAsync"/> takes the plan <see cref="CheckAsync"/> returned and is
/// refused when the tenant's keys changed since, or the plan is older than <see cref="PlanLifetime"/>.
/// </summary>
/// <remarks>Other application instances keep the keys they already unwrapped until they restart; rows and the wrapped
/// keys themselves are left in place (unreadable).</remarks>
internal sealed class TenantKeyShredder(TenantKeyEncryptionKeys keys, IAuditTrail audit, ILogger<TenantKeyShredder> logger)
{
    /// <summary>How long a check stays valid for <see cref="ShredAsync"/>.</summary>
    public static readonly TimeSpan PlanLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The dry run: what shredding <paramref name="tenant"/>'s key would destroy. Changes nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is not a tenant id.</exception>
    /// <exception cref="TenantMismatchException">Another tenant's scope is open on this flow.</exception>
    public async Task<TenantKeyShredPlan> CheckAsync(string tenant, CancellationToken cancellationToken)
    {
        TenantIds.Validate(tenant, nameof(tenant));
        using (keys.Tenants.Begin(tenant))
        {
            var keks = await keys.ReadAsync(tenant, cancellationToken).ConfigureAwait(false);
            var owned = (await keys.Store.GetAllAsync(cancellationToken).ConfigureAwait(false))
                .Count(r => r.Kind != DataKeyKind.TenantKey && string.Equals(r.TenantId, tenant, StringComparison.Ordinal) && r.WrappedKey is not null);
            return new TenantKeyShredPlan(tenant, LiveIds(keks), owned, keys.Time.GetUtcNow());
        }
    }

    /// <summary>Destroys the tenant's key-encryption key as <paramref name="plan"/> describes it.</summary>
    /// <returns>How many key-encryption keys were destroyed.</returns>
    /// <exception cref="InvalidOperationException">The plan is stale: check again.</exception>
    public async Task<int> ShredAsync(TenantKeyShredPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = keys.Time.GetUtcNow();
        if (now - plan.CheckedAt > PlanLifetime || now < plan.CheckedAt)
        {
            throw new InvalidOperationException($"The check of tenant '{plan.Tenant}''s key shredding is older than {PlanLifetime.TotalMinutes:0} minutes: " +
                "check again before shredding.");
        }

        using (keys.Tenants.Begin(plan.Tenant))
        {
            var records = await keys.ReadAsync(plan.Tenant, cancellationToken).ConfigureAwait(false);
            if (!LiveIds(records).SequenceEqual(plan.KeyEncryptionKeyIds))
            {
                throw new InvalidOperationException($"Tenant '{plan.Tenant}''s key-encryption keys changed since the check: check again before shredding.");
            }

            var destroyed = 0;
            foreach (var record in records.Where(static r => r.WrappedKey is not null))
            {
                record.Status = DataKeyStatus.Destroyed;
                record.WrappedKey = null;
                record.StatusChangedAt = now;
                await keys.Store.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
                destroyed++;
            }

            if (records.Count == 0)
            {
                // A tenant without a key yet: the tombstone keeps it from ever getting one.
                var tombstone = new DataKeyRecord
                {
                    Kind = DataKeyKind.TenantKey,
                    Status = DataKeyStatus.Destroyed,
                    TenantId = plan.Tenant,
                    CreatedAt = now,
                    StatusChangedAt = now,
                };
                await keys.Store.AddAsync(tombstone, cancellationToken).ConfigureAwait(false);
            }

            keys.Forget(plan.Tenant);
            KeysLog.LogTenantKeyShredded(logger, plan.Tenant, plan.TenantKeyCount);
            var details = $"tenant '{plan.Tenant}' key-encryption key destroyed ({destroyed} keys): its {plan.TenantKeyCount} data and blind-index keys and " +
                "all its subject keys can no longer be unwrapped";
            await audit.RecordAsync(new AuditEvent(AuditActions.KeyDestroyed) { Details = details }, cancellationToken).ConfigureAwait(false);
            return destroyed;
        }
    }

    private static List<int> LiveIds(IReadOnlyList<DataKeyRecord> records)
        => [.. records.Where(static r => r.WrappedKey is not null).Select(static r => r.Id).Order()];
}
