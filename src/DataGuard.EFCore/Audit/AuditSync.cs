namespace DataGuard.EFCore.Audit;

/// <summary>
/// The one place where the synchronous overrides of EF Core's interceptors (<c>SaveChanges</c>, <c>ExecuteDelete</c>,
/// a reader's <c>Close</c>) run audit work that is written as async code: the work is given <see cref="AuditDbCalls.Sync"/>,
/// so it has completed by the time it returns and nothing here waits on asynchronous I/O (no sync-over-async).
/// </summary>
internal static class AuditSync
{
    /// <summary>The result of work run with <see cref="AuditDbCalls.Sync"/>, or its exception as thrown.</summary>
    /// <exception cref="InvalidOperationException">The work did not complete synchronously: it made an asynchronous
    /// call that bypassed <see cref="AuditDbCalls"/>, which is a bug in DataGuard.</exception>
    public static T Run<T>(ValueTask<T> work)
    {
        if (!work.IsCompleted)
        {
            throw new InvalidOperationException("Synchronous audit work did not complete synchronously: an asynchronous call bypassed AuditDbCalls.Sync.");
        }

        return work.GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Run{T}(ValueTask{T})" />
    public static void Run(ValueTask work)
    {
        if (!work.IsCompleted)
        {
            throw new InvalidOperationException("Synchronous audit work did not complete synchronously: an asynchronous call bypassed AuditDbCalls.Sync.");
        }

        work.GetAwaiter().GetResult();
    }
}
