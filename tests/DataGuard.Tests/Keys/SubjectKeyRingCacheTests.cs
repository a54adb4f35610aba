using DataGuard.Keys;

namespace DataGuard.Tests.Keys;

/// <summary>How often the subject-key ring reads its store: once for concurrent readers of one window, and not on every
/// read of a value whose key id is not in the store.</summary>
public sealed class SubjectKeyRingCacheTests : IDisposable
{
    private readonly CountingRingHost _host = new(static o => o.Encryption.SubjectKeys = true);

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Reads_under_an_unknown_subject_key_id_read_the_store_at_most_once_within_the_retry_interval()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(SubjectKeyStatus.Missing, _host.Subjects.ResolveForRead("nobody", 99_999).Status);
        }

        Assert.Equal(1, _host.Store.WindowReads);
        _host.Time.Advance(UnknownKeyIds.RetryInterval);
        Assert.Equal(SubjectKeyStatus.Missing, _host.Subjects.ResolveForRead("nobody", 99_999).Status);
        Assert.Equal(2, _host.Store.WindowReads);
    }

    [Fact]
    public async Task Concurrent_readers_of_one_uncached_window_read_it_once()
    {
        var subjects = Enumerable.Range(0, 8).Select(static i => "s" + i).ToList();
        var keys = await _host.Subjects.ResolveForWriteAsync(subjects, CancellationToken.None);
        _host.Subjects.ClearCache();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Store.WindowGate = gate;

        var readers = subjects.Select(s => Task.Factory.StartNew(
            () => _host.Subjects.ResolveForRead(s, keys[s].KeyId).Status,
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        // Without a load lock a second reader reaches the store while the first one waits there; with it, none does.
        // The wait only bounds how long the test looks for that second read; it decides nothing when the code is right.
        await Task.WhenAny(_host.Store.SecondWindowRead.Task, Task.Delay(TimeSpan.FromSeconds(1)));
        gate.SetResult();

        Assert.All(await Task.WhenAll(readers), static status => Assert.Equal(SubjectKeyStatus.Found, status));
        Assert.Equal(1, _host.Store.WindowReads);
    }
}
