namespace DataGuard.Encryption;

/// <summary>
/// A small lock-free pool of cipher or MAC objects bound to one key. <c>AesGcm</c> and <c>HMACSHA256</c> are costly
/// to create (a key schedule and, on Linux, an OpenSSL context) but must not be used by two threads at once, so each
/// call rents one, and returns it for the next.
/// </summary>
internal sealed class CryptoObjectPool<T>(Func<T> create) : IDisposable
    where T : class, IDisposable
{
    private readonly T?[] _items = new T?[Math.Max(4, Environment.ProcessorCount * 2)];
    private volatile bool _disposed;

    public T Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not null && Interlocked.Exchange(ref items[i], null) is { } item)
            {
                return item;
            }
        }

        return create();
    }

    public void Return(T item)
    {
        if (!_disposed)
        {
            var items = _items;
            for (var i = 0; i < items.Length; i++)
            {
                if (Interlocked.CompareExchange(ref items[i], item, null) is null)
                {
                    return;
                }
            }
        }

        item.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        for (var i = 0; i < _items.Length; i++)
        {
            Interlocked.Exchange(ref _items[i], null)?.Dispose();
        }
    }
}
