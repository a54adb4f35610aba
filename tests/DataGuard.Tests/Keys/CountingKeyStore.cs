using DataGuard.Keys;

namespace DataGuard.Tests.Keys;

/// <summary>An in-memory key store that counts the ring's loads and subject-key window reads, and can hold them at a
/// gate so that concurrent readers pile up behind the first one.</summary>
internal sealed class CountingKeyStore : ISubjectKeyStore
{
    private int _loads;
    private int _windowReads;

    public InMemoryKeyStore Inner { get; } = new();

    /// <summary>How many times the ring's keys were read (<see cref="GetAllAsync"/>).</summary>
    public int Loads => Volatile.Read(ref _loads);

    /// <summary>How many subject-key id ranges were read.</summary>
    public int WindowReads => Volatile.Read(ref _windowReads);

    /// <summary>While set, every read of the ring waits for it.</summary>
    public TaskCompletionSource? LoadGate { get; set; }

    /// <summary>While set, every subject-key range read waits (blocking) for it.</summary>
    public TaskCompletionSource? WindowGate { get; set; }

    /// <summary>Set when a second range read arrives while the first one waits at <see cref="WindowGate"/>.</summary>
    public TaskCompletionSource SecondWindowRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ResetCounts()
    {
        Interlocked.Exchange(ref _loads, 0);
        Interlocked.Exchange(ref _windowReads, 0);
    }

    public async Task<IReadOnlyList<DataKeyRecord>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _loads);
        if (LoadGate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        return await Inner.GetAllAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<DataKeyRecord> AddAsync(DataKeyRecord key, CancellationToken cancellationToken = default) => Inner.AddAsync(key, cancellationToken);

    public Task UpdateAsync(DataKeyRecord key, CancellationToken cancellationToken = default) => Inner.UpdateAsync(key, cancellationToken);

    public Task<IReadOnlyList<DataKeyRecord>> GetSubjectKeysAsync(IReadOnlyCollection<string> subjectIds, CancellationToken cancellationToken = default)
        => Inner.GetSubjectKeysAsync(subjectIds, cancellationToken);

    public Task<IReadOnlyList<DataKeyRecord>> GetSubjectKeysAsync(int firstId, int lastId, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _windowReads) == 2)
        {
            SecondWindowRead.TrySetResult();
        }

        WindowGate?.Task.GetAwaiter().GetResult();
        return Inner.GetSubjectKeysAsync(firstId, lastId, cancellationToken);
    }

    public Task<IReadOnlyList<DataKeyRecord>> AddSubjectKeysAsync(IReadOnlyList<DataKeyRecord> keys, CancellationToken cancellationToken = default)
        => Inner.AddSubjectKeysAsync(keys, cancellationToken);
}
