using System.Data.Common;
using DataGuard.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// Notes every transaction begun (or handed to EF Core with <c>UseTransaction</c>) on the store context in the current
/// audit scope, until it commits or rolls back. <see cref="EntityFrameworkAuditTrail.RecordAsync"/> appends inside such
/// a transaction: recording on a connection of its own would wait for the chain-head lock (PostgreSQL) or the database
/// write lock (SQLite) that this very transaction holds until it ends — a deadlock.
/// </summary>
internal sealed class AuditTransactionInterceptor : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Enlist(eventData.Context);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection,
        TransactionEndEventData eventData,
        DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Enlist(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        Enlist(eventData.Context);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionUsedAsync(
        DbConnection connection,
        TransactionEventData eventData,
        DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Enlist(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>The store context of the current audit scope with an open transaction, when there is exactly one.</summary>
    public static DbContext? FindOpen() => AuditScopeTransactions.FindSingle(AuditContext.CurrentFrame, IsOpen) as DbContext;

    private static void Enlist(DbContext? context)
    {
        if (context is not null && AuditContext.CurrentFrame is { } frame)
        {
            frame.Transactions.Add(context, IsOpen);
        }
    }

    private static void Leave(DbContext? context)
    {
        for (var frame = AuditContext.CurrentFrame; context is not null && frame is not null; frame = frame.Parent)
        {
            frame.Transactions.Remove(context);
        }
    }

    private static bool IsOpen(object owner)
    {
        try
        {
            return owner is DbContext context && context.Database.CurrentTransaction is not null;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
