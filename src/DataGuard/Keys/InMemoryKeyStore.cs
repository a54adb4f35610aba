using DataGuard.Subjects;

namespace DataGuard.Keys;

/// <summary>A key store that lives in memory, for tests: keys, and so the data encrypted with them, are gone when the
/// process ends. It keeps every tenant's keys together (one subject key per tenant and subject) and returns them all;
/// DataGuard's key rings keep only the current tenant's.</summary>
public sealed class InMemoryKeyStore : ISubjectKeyStore, IWrappedKeyStore, IEncryptionCountStore
{
    private readonly Lock _lock = new();
    private readonly List<DataKeyRecord> _keys = [];
    private readonly Dictionary<int, long> _reserved = [];

    /// <inheritdoc />
    public Task<IReadOnlyList<DataKeyRecord>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DataKeyRecord>>(_keys.Where(static k => k.SubjectId is null).Select(Copy).ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DataKeyRecord>> GetSubjectKeysAsync(IReadOnlyCollection<string> subjectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjectIds);
        var wanted = subjectIds as ISet<string> ?? new HashSet<string>(subjectIds, StringComparer.Ordinal);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DataKeyRecord>>(_keys.Where(k => k.SubjectId is not null && wanted.Contains(k.SubjectId))
                .Select(Copy)
                .ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DataKeyRecord>> GetSubjectKeysAsync(int firstId, int lastId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DataKeyRecord>>(_keys.Where(k => k.SubjectId is not null && k.Id >= firstId && k.Id <= lastId)
                .Select(Copy)
                .ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DataKeyRecord>> AddSubjectKeysAsync(IReadOnlyList<DataKeyRecord> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_lock)
        {
            var batch = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                if (key.SubjectId is null || !batch.Add(key.SubjectId) || _keys.Any(k => k.SubjectId == key.SubjectId && k.TenantId == key.TenantId))
                {
                    throw new InvalidOperationException($"Key {key.Id} has no subject, or its subject already has a key.");
                }
            }

            var stored = new List<DataKeyRecord>(keys.Count);
            foreach (var key in keys)
            {
                var copy = Copy(key);
                copy.Id = _keys.Count + 1;
                _keys.Add(copy);
                stored.Add(Copy(copy));
            }

            return Task.FromResult<IReadOnlyList<DataKeyRecord>>(stored);
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

    Task<bool> IWrappedKeyStore.ReplaceWrappedKeyAsync(int keyId, byte[] expected, byte[] replacement, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _keys.FindIndex(k => k.Id == keyId);
            if (index < 0 || _keys[index].WrappedKey is not { } current || !current.AsSpan().SequenceEqual(expected))
            {
                return Task.FromResult(false);
            }

            _keys[index].WrappedKey = replacement.ToArray();
            return Task.FromResult(true);
        }
    }

    Task<int> IWrappedKeyStore.GetLastKeyIdAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.Count == 0 ? 0 : _keys.Max(static k => k.Id));
        }
    }

    Task<bool> IEncryptionCountStore.TryReserveEncryptionsAsync(int keyId, long count, long budget, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var reserved = _reserved.GetValueOrDefault(keyId);
            if (_keys.Find(k => k.Id == keyId) is not { Kind: DataKeyKind.Data, Status: DataKeyStatus.Active, SubjectId: null } || reserved > budget - count)
            {
                return Task.FromResult(false);
            }

            _reserved[keyId] = reserved + count;
            return Task.FromResult(true);
        }
    }

    Task<bool> IEncryptionCountStore.TryDeactivateAsync(int keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_keys.Find(k => k.Id == keyId) is not { Status: DataKeyStatus.Active } key)
            {
                return Task.FromResult(false);
            }

            key.Status = DataKeyStatus.DecryptOnly;
            key.StatusChangedAt = at;
            return Task.FromResult(true);
        }
    }

    Task<long> IEncryptionCountStore.GetReservedEncryptionsAsync(int keyId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_reserved.GetValueOrDefault(keyId));
        }
    }

    private static DataKeyRecord Copy(DataKeyRecord key) => new()
    {
        Id = key.Id,
        Kind = key.Kind,
        Status = key.Status,
        SubjectId = key.SubjectId,
        TenantId = key.TenantId,
        WrappedKey = key.WrappedKey?.ToArray(),
        CreatedAt = key.CreatedAt,
        StatusChangedAt = key.StatusChangedAt,
    };
}
