namespace DataGuard.Audit;

/// <summary>
/// The store transactions an audit scope (a request, or an <see cref="IAuditContext.Begin"/> block) has open. The
/// EF Core integration adds a store context when it begins a transaction in the scope and removes it when the
/// transaction ends, so that an audit event recorded in the same scope is appended inside that transaction instead of
/// waiting for the chain-head lock the transaction holds. Items are opaque here (DataGuard core knows no EF Core).
/// </summary>
internal sealed class AuditScopeTransactions
{
    private readonly List<object> _open = [];

    public void Add(object owner, Func<object, bool> isOpen)
    {
        lock (_open)
        {
            // Contexts disposed without ending their transaction never report it: drop them here, so that a long
            // scope (a background job) does not keep them alive.
            _open.RemoveAll(o => !isOpen(o));
            if (!_open.Contains(owner))
            {
                _open.Add(owner);
            }
        }
    }

    public void Remove(object owner)
    {
        lock (_open)
        {
            _open.Remove(owner);
        }
    }

    /// <summary>The single open transaction owner of the innermost scope that has any, or <see langword="null"/> when
    /// there is none or it is ambiguous (two owners in one scope: parallel work, so no guess is made).</summary>
    public static object? FindSingle(AuditContextFrame? frame, Func<object, bool> isOpen)
    {
        for (; frame is not null; frame = frame.Parent)
        {
            lock (frame.Transactions._open)
            {
                var open = frame.Transactions._open;
                open.RemoveAll(o => !isOpen(o));
                if (open.Count > 0)
                {
                    return open.Count == 1 ? open[0] : null;
                }
            }
        }

        return null;
    }
}
