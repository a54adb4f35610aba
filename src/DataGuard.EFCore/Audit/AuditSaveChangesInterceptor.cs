using DataGuard.Audit;
using DataGuard.Masking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// Records every insert, update and delete of an entity with personal data on the audit chain, in the same transaction
/// as the change. Before saving it notes the changes (names of personal properties, never values) and, when the
/// application has no transaction open, begins one; after a successful save it appends the entries (now with
/// database-generated keys) and commits. A failed or cancelled save rolls that transaction back, so there is never an
/// audit row without its change or a change without its audit row. Inside an application transaction the entries
/// commit or roll back with it. The work is <see cref="AuditSaveWork"/>'s; the synchronous overrides run it with
/// synchronous database calls (<see cref="AuditSync"/>).
/// </summary>
internal sealed class AuditSaveChangesInterceptor(
    IAuditContext auditContext,
    TimeProvider time,
    ILogger<AuditSaveChangesInterceptor> logger,
    IOptions<AuditOptions> options,
    DataMasker? masker = null) : SaveChangesInterceptor
{
    // Validated at start-up (AuditMaskingValidator): RecordMaskedValues needs AddMasking().
    private readonly AuditSaveWork _work = new(auditContext, time, logger, new AuditChangeCollector(options.Value.RecordMaskedValues ? masker : null));

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AuditSync.Run(_work.PrepareAsync(eventData.Context, AuditDbCalls.Sync, CancellationToken.None));
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await _work.PrepareAsync(eventData.Context, AuditDbCalls.Async, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AuditSync.Run(_work.CompleteAsync(eventData.Context, AuditDbCalls.Sync, CancellationToken.None));
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await _work.CompleteAsync(eventData.Context, AuditDbCalls.Async, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => AuditSync.Run(_work.AbandonAsync(eventData.Context, AuditDbCalls.Sync));

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        => _work.AbandonAsync(eventData.Context, AuditDbCalls.Async).AsTask();

    public override void SaveChangesCanceled(DbContextEventData eventData) => AuditSync.Run(_work.AbandonAsync(eventData.Context, AuditDbCalls.Sync));

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
        => _work.AbandonAsync(eventData.Context, AuditDbCalls.Async).AsTask();
}
