namespace DataGuard.Keys;

/// <summary>A key store that lives in memory, for tests: keys, and so the data encrypted with them, are gone when the
/// process ends.</summary>
public sealed class InMemoryKeyStore : IKeyStore
{
    private readonly Lock _lock = new();
    private readonly List<DataKeyRecord> _keys = [];

    /// <inheritdoc />
    public Task<IReadOnlyList<DataKeyRecord>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DataKeyRecord>>(_keys.Select(Copy).ToList());
        }
    }

    /// <inheritdoc />
    public Task<DataKeyRecord> AddAsync(DataKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            var stored = Copy(key);
            stored.Id = _keys.Count + 1;
            _keys.Add(stored);
            return Task.FromResult(Copy(stored));
        }
    }

    /// <inheritdoc />
    public Task UpdateAsync(DataKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            var index = _keys.FindIndex(k => k.Id == key.Id);
            if (index < 0)
            {
                throw new KeyNotFoundException($"No key has id {key.Id}.");
            }

            _keys[index] = Copy(key);
            return Task.CompletedTask;
        }
    }

    private static DataKeyRecord Copy(DataKeyRecord key) => new()
    {
        Id = key.Id,
        Kind = key.Kind,
        Status = key.Status,
        WrappedKey = key.WrappedKey?.ToArray(),
        CreatedAt = key.CreatedAt,
        StatusChangedAt = key.StatusChangedAt,
    };
}
