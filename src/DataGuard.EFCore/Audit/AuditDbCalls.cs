using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// The database calls the audit pipeline makes, synchronously (<see cref="Sync"/>) or asynchronously (<see cref="Async"/>).
/// Each piece of audit work is written once, as async code against this type, and EF Core's synchronous
/// <c>SaveChanges</c> runs the same code with <see cref="Sync"/>: every call then uses the provider's synchronous API and
/// returns a completed task, so the work never suspends, no thread waits on asynchronous I/O, and the async state machine
/// stays on the stack (no allocation beyond the synchronous path's own). <see cref="AuditSync"/> runs such work.
/// A second, synchronous copy of each step was the alternative: it would let the chain's lock-read-insert-move sequence,
/// on which its linearity rests, drift between two copies.
/// </summary>
internal abstract class AuditDbCalls
{
    public static AuditDbCalls Sync { get; } = new SyncCalls();

    public static AuditDbCalls Async { get; } = new AsyncCalls();

    public abstract ValueTask<int> ExecuteNonQueryAsync(DbCommand command, CancellationToken cancellationToken);

    public abstract ValueTask<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken);

    public abstract ValueTask<bool> ReadAsync(DbDataReader reader, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync<T>(T resource)
        where T : IDisposable, IAsyncDisposable;

    public abstract ValueTask<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken);

    public abstract ValueTask<IDbContextTransaction> BeginTransactionAsync(DatabaseFacade database, CancellationToken cancellationToken);

    public abstract ValueTask CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken);

    public abstract ValueTask RollbackAsync(IDbContextTransaction transaction);

    /// <summary>Runs <paramref name="operation"/> under the execution strategy, retried as a whole.</summary>
    public abstract ValueTask ExecuteAsync<TState>(
        IExecutionStrategy strategy,
        TState state,
        Func<TState, AuditDbCalls, CancellationToken, ValueTask> operation,
        CancellationToken cancellationToken);

    private sealed class SyncCalls : AuditDbCalls
    {
        public override ValueTask<int> ExecuteNonQueryAsync(DbCommand command, CancellationToken cancellationToken) => new(command.ExecuteNonQuery());

        public override ValueTask<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken) => new(command.ExecuteReader());

        public override ValueTask<bool> ReadAsync(DbDataReader reader, CancellationToken cancellationToken) => new(reader.Read());

        public override ValueTask DisposeAsync<T>(T resource)
        {
            resource.Dispose();
            return default;
        }

        public override ValueTask<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken) => new([.. query]);

        public override ValueTask<IDbContextTransaction> BeginTransactionAsync(DatabaseFacade database, CancellationToken cancellationToken)
            => new(database.BeginTransaction());

        public override ValueTask CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
        {
            transaction.Commit();
            return default;
        }

        public override ValueTask RollbackAsync(IDbContextTransaction transaction)
        {
            transaction.Rollback();
            return default;
        }

        public override ValueTask ExecuteAsync<TState>(
            IExecutionStrategy strategy,
            TState state,
            Func<TState, AuditDbCalls, CancellationToken, ValueTask> operation,
            CancellationToken cancellationToken)
        {
            strategy.Execute(
                (state, operation),
                static (_, s) =>
                {
                    AuditSync.Run(s.operation(s.state, Sync, CancellationToken.None));
                    return true;
                },
                verifySucceeded: null);
            return default;
        }
    }

    private sealed class AsyncCalls : AuditDbCalls
    {
        public override ValueTask<int> ExecuteNonQueryAsync(DbCommand command, CancellationToken cancellationToken)
            => new(command.ExecuteNonQueryAsync(cancellationToken));

        public override ValueTask<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken)
            => new(command.ExecuteReaderAsync(cancellationToken));

        public override ValueTask<bool> ReadAsync(DbDataReader reader, CancellationToken cancellationToken) => new(reader.ReadAsync(cancellationToken));

        public override ValueTask DisposeAsync<T>(T resource) => resource.DisposeAsync();

        public override ValueTask<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken)
            => new(query.ToListAsync(cancellationToken));

        public override ValueTask<IDbContextTransaction> BeginTransactionAsync(DatabaseFacade database, CancellationToken cancellationToken)
            => new(database.BeginTransactionAsync(cancellationToken));

        public override ValueTask CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
            => new(transaction.CommitAsync(cancellationToken));

        public override ValueTask RollbackAsync(IDbContextTransaction transaction) => new(transaction.RollbackAsync(CancellationToken.None));

        public override async ValueTask ExecuteAsync<TState>(
            IExecutionStrategy strategy,
            TState state,
            Func<TState, AuditDbCalls, CancellationToken, ValueTask> operation,
            CancellationToken cancellationToken)
            => await strategy.ExecuteAsync(
                (state, operation),
                static async (_, s, ct) =>
                {
                    await s.operation(s.state, Async, ct).ConfigureAwait(false);
                    return true;
                },
                verifySucceeded: null,
                cancellationToken).ConfigureAwait(false);
    }
}
