using DataGuard.Audit;
using DataGuard.EFCore.Stores;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Retention;

/// <summary>Keeps legal holds in the <c>DataGuardLegalHolds</c> table of the store context; released holds stay as
/// history. Each operation uses a context of its own, so it never joins the caller's unit of work. Holds are placed for,
/// and listed and released only within, the tenant of <see cref="ITenantContext.Current"/>; retention and erasure read the
/// current tenant's holds (<see cref="ActiveAsync"/>).</summary>
internal sealed partial class EntityFrameworkLegalHoldService<TContext>(
    IServiceScopeFactory scopes,
    PersonalDataModel model,
    TimeProvider time,
    ITenantContext tenants,
    IAuditTrail audit,
    ILogger<EntityFrameworkLegalHoldService<TContext>> logger) : ILegalHoldService
    where TContext : DbContext
{
    public Task<LegalHold> PlaceOnSubjectAsync(SubjectId subject, string reason, string actor, CancellationToken cancellationToken = default)
    {
        // Stored canonical, so erasure's text comparison and retention's column comparison agree on every spelling.
        var id = model.SubjectIds.Canonicalize(subject, nameof(subject)).Value;
        return PlaceAsync(new LegalHoldRecord { SubjectId = id }, reason, actor, cancellationToken);
    }

    public Task<LegalHold> PlaceOnEntityTypeAsync(string entityType, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityType);
        if (!model.Entities.Any(e => string.Equals(e.Name, entityType, StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                $"'{entityType}' is not an entity of the personal-data model; use a name from PersonalDataModel.Entities.", nameof(entityType));
        }

        return PlaceAsync(new LegalHoldRecord { EntityType = entityType }, reason, actor, cancellationToken);
    }

    public async Task<bool> ReleaseAsync(Guid holdId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actor.Length, LegalHoldRecordConfiguration.MaxNameLength, nameof(actor));
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var tenant = tenants.Current;
        var released = await context.Set<LegalHoldRecord>()
            .Where(h => h.Id == holdId && h.TenantId == tenant && h.ReleasedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ReleasedAt, now).SetProperty(h => h.ReleasedBy, actor), cancellationToken)
            .ConfigureAwait(false) == 1;
        if (released)
        {
            LogReleased(logger, holdId);
            await audit.RecordAsync(
                new AuditEvent(AuditActions.LegalHoldReleased) { Details = $"legal hold {holdId} released" }, cancellationToken).ConfigureAwait(false);
        }

        return released;
    }

    public async Task<IReadOnlyList<LegalHold>> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var records = await ActiveAsync(context, cancellationToken).ConfigureAwait(false);
        return records.Select(ToHold).OrderBy(static h => h.PlacedAt).ToList();
    }

    /// <summary>The current tenant's active holds (<see cref="StoreTenant"/>), read by retention and erasure before they
    /// work an entity. Ordering happens in memory: SQLite cannot order by DateTimeOffset, and holds are few.</summary>
    internal static Task<List<LegalHoldRecord>> ActiveAsync(DbContext context, CancellationToken cancellationToken)
    {
        var tenant = StoreTenant.Of(context);
        return context.Set<LegalHoldRecord>().AsNoTracking().Where(h => h.TenantId == tenant && h.ReleasedAt == null).ToListAsync(cancellationToken);
    }

    private async Task<LegalHold> PlaceAsync(LegalHoldRecord record, string reason, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, LegalHoldRecordConfiguration.MaxReasonLength, nameof(reason));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actor.Length, LegalHoldRecordConfiguration.MaxNameLength, nameof(actor));
        record.Id = Guid.NewGuid();
        record.TenantId = tenants.Current;
        record.Reason = reason;
        record.PlacedBy = actor;
        record.PlacedAt = time.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            context.Add(record);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var on = record.EntityType is { } entity ? "entity type " + entity : "a subject";
        LogPlaced(logger, record.Id, on);
        await audit.RecordAsync(
            new AuditEvent(AuditActions.LegalHoldPlaced)
            {
                SubjectId = record.SubjectId is { } subject ? (SubjectId?)new SubjectId(subject) : null,
                EntityType = record.EntityType,
                Details = $"legal hold {record.Id} placed on {on}",
            },
            cancellationToken).ConfigureAwait(false);
        return ToHold(record);
    }

    private static LegalHold ToHold(LegalHoldRecord record) => new()
    {
        Id = record.Id,
        Subject = record.SubjectId is { } subject ? (SubjectId?)new SubjectId(subject) : null,
        EntityType = record.EntityType,
        Reason = record.Reason,
        PlacedBy = record.PlacedBy,
        PlacedAt = record.PlacedAt,
        ReleasedBy = record.ReleasedBy,
        ReleasedAt = record.ReleasedAt,
    };

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "DataGuard placed legal hold {HoldId} on {Scope}")]
    private static partial void LogPlaced(ILogger logger, Guid holdId, string scope);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "DataGuard released legal hold {HoldId}")]
    private static partial void LogReleased(ILogger logger, Guid holdId);
}
