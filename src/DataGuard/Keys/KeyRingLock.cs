namespace DataGuard.Keys;

/// <summary>The ring's load lock, held: disposing it leaves the ring and releases the lock.</summary>
internal readonly struct KeyRingLock(KeyRingCache cache) : IDisposable
{
    public void Dispose() => cache.Exit();
}
