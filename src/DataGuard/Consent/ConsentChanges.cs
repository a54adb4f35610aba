namespace DataGuard.Consent;

/// <summary>
/// A process-wide count of consent records written through <see cref="ConsentService"/>: purpose scopes cache a
/// subject's consent state and drop the cache when the count moves, so a withdrawal in this process stops the next
/// read. (Another process's withdrawal is seen by scopes opened after it.)
/// </summary>
internal static class ConsentChanges
{
    private static long _version;

    public static long Version => Interlocked.Read(ref _version);

    public static void Increment() => Interlocked.Increment(ref _version);
}
