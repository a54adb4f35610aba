using System.Data.Common;
using DataGuard.Audit;
using DataGuard.EFCore.Stores;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Audit;

/// <summary>The <see cref="IAuditTrail"/> of DataGuard's own operations (consent, keys, retention, exports): each event
/// is stamped with the ambient actor and correlation id and appended in a transaction of its own on the store context,
/// or, when the current audit scope has a transaction open on the store context, inside that transaction (so it
/// commits or rolls back with it, and does not wait for the chain-head lock that transaction may hold).</summary>
internal sealed class EntityFrameworkAuditTrail(
    IServiceScopeFactory scopes,
    DataGuardStoreRegistration store,
    IAuditContext auditContext,
    TimeProvider time,
    SubjectIdCanonicalizer subjectIds) : IAuditTrail
{
    public async ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        // The model's spelling of the subject where the id is one, as given otherwise: a trail never refuses an event.
        var record = AuditRecord.From(auditEvent, auditContext, time.GetUtcNow());
        AuditRecord[] records = [auditEvent.SubjectId is { } subject ? record with { SubjectId = subjectIds.CanonicalOrAsGiven(subject).Value } : record];
        if (AuditTransactionInterceptor.FindOpen() is { } enlisted)
        {
            await AuditChainAppender.AppendAsync(enlisted, records, AuditDbCalls.Async, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await AppendAsync(records, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException || ex.InnerException is DbException)
        {
            // (EF Core's default execution strategy reports a provider timeout wrapped as a possibly transient failure.)
            // Most often a lock wait that timed out: the chain head (or, on SQLite, the database) is held by a
            // transaction that may be this caller's own. Say how to record inside it rather than leave a bare timeout.
            throw new DataGuardAuditException(
                $"Recording the audit event '{auditEvent.Action}' failed on the store database (see the inner exception). If it waited for a lock: " +
                "a transaction holds the audit chain head — when that is the caller's own transaction on the store context, record the event inside an audit " +
                "scope (a request under app.UseDataGuard(), or IAuditContext.Begin(...)) opened before the transaction began, so that it is appended " +
                "in that transaction, or record it after the commit.",
                ex);
        }
    }

    /// <summary>Appends records in one transaction of their own, retried as a whole under a retrying execution strategy.</summary>
    public ValueTask AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
        => AppendAsync(records, AuditDbCalls.Async, cancellationToken);

    /// <inheritdoc cref="AppendAsync(IReadOnlyList{AuditRecord}, CancellationToken)" />
    public async ValueTask AppendAsync(IReadOnlyList<AuditRecord> records, AuditDbCalls calls, CancellationToken cancellationToken)
    {
        var scope = AuditStoreScope.Create(scopes, store);
        try
        {
            var db = scope.Context;
            await calls.ExecuteAsync(db.Database.CreateExecutionStrategy(), (db, records), AppendInTransactionAsync, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await calls.DisposeAsync(scope).ConfigureAwait(false);
        }
    }

    private static async ValueTask AppendInTransactionAsync(
        (DbContext Db, IReadOnlyList<AuditRecord> Records) state,
        AuditDbCalls calls,
        CancellationToken cancellationToken)
    {
        var transaction = await calls.BeginTransactionAsync(state.Db.Database, cancellationToken).ConfigureAwait(false);
        try
        {
            await AuditChainAppender.AppendAsync(state.Db, state.Records, calls, cancellationToken).ConfigureAwait(false);
            await calls.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await calls.DisposeAsync(transaction).ConfigureAwait(false);
        }
    }
}
