using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// The transaction DataGuard opens for a SaveChanges when the application has none, so that the audit entries commit
/// or roll back with the change; and the context's savepoint setting, switched off while it is open. Inside a
/// transaction EF Core wraps the save in a savepoint, so that a failed save leaves the application's transaction usable.
/// A transaction DataGuard opened is rolled back whole on failure, as EF Core's own would be, so the savepoint buys
/// nothing and costs SQLite a statement journal of every page the save touches (benchmarks/README.md, Audit trail).
/// </summary>
internal sealed class AuditOwnedTransaction
{
    private readonly DbContext _context;
    private readonly IDbContextTransaction _transaction;
    private readonly bool _autoSavepoints;

    private AuditOwnedTransaction(DbContext context, IDbContextTransaction transaction)
    {
        _context = context;
        _transaction = transaction;
        _autoSavepoints = context.Database.AutoSavepointsEnabled;
    }

    /// <summary>Begins a transaction when the context has none (nor an ambient <c>TransactionScope</c>); null otherwise.</summary>
    /// <exception cref="InvalidOperationException">The context uses a retrying execution strategy, which cannot retry a
    /// transaction DataGuard opened; the message says how to save inside the strategy instead.</exception>
    public static async ValueTask<AuditOwnedTransaction?> BeginIfNoneAsync(DbContext context, AuditDbCalls calls, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction is not null || System.Transactions.Transaction.Current is not null)
        {
            return null;
        }

        if (context.Database.CreateExecutionStrategy().RetriesOnFailure)
        {
            throw new InvalidOperationException(
                $"{context.GetType().Name} uses a retrying execution strategy, so DataGuard cannot open the transaction that keeps audit entries atomic with " +
                "the change. Save inside strategy.ExecuteAsync(async () => { await using var tx = await db.Database.BeginTransactionAsync(); await " +
                "db.SaveChangesAsync(); await tx.CommitAsync(); }).");
        }

        var owned = new AuditOwnedTransaction(context, await calls.BeginTransactionAsync(context.Database, cancellationToken).ConfigureAwait(false));
        context.Database.AutoSavepointsEnabled = false;
        return owned;
    }

    public ValueTask CommitAsync(AuditDbCalls calls, CancellationToken cancellationToken) => calls.CommitAsync(_transaction, cancellationToken);

    public async ValueTask RollBackAsync(AuditDbCalls calls)
    {
        try
        {
            await calls.RollbackAsync(_transaction).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already completed or the connection is gone: the database rolls back an uncommitted transaction itself.
        }
    }

    /// <summary>Disposes of the transaction and restores the context's savepoint setting.</summary>
    public async ValueTask EndAsync(AuditDbCalls calls)
    {
        await calls.DisposeAsync(_transaction).ConfigureAwait(false);
        _context.Database.AutoSavepointsEnabled = _autoSavepoints;
    }

    /// <summary>Rolls back and ends: the save failed or was given up.</summary>
    public async ValueTask AbandonAsync(AuditDbCalls calls)
    {
        await RollBackAsync(calls).ConfigureAwait(false);
        await EndAsync(calls).ConfigureAwait(false);
    }
}
