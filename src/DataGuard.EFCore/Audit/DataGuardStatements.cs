namespace DataGuard.EFCore.Audit;

/// <summary>
/// Marks the current async flow as running DataGuard's own bulk statements (retention, erasure): their
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> write only nulls, placeholders or values DataGuard encrypted itself, and
/// they record their own audit entries, so the bulk-statement guard and audit leave them alone.
/// </summary>
internal static class DataGuardStatements
{
    private static readonly AsyncLocal<int> Depth = new();

    public static bool IsInternal => Depth.Value > 0;

    /// <summary>Marks the flow until the returned scope is disposed.</summary>
    public static IDisposable Begin()
    {
        Depth.Value++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Depth.Value--;
            }
        }
    }
}
