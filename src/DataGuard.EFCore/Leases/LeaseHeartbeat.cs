namespace DataGuard.EFCore.Leases;

/// <summary>
/// Keeps a taken lease alive while its holder works: every third of the lease's time to live a timer renews it
/// (through its own context, since the worker's context is busy with batches), so the time to live can be short (30 seconds
/// for retention) and another instance takes over soon after a holder dies, while a
/// live holder never loses the lease to a long batch. A renewal that fails on a database error is retried at the next
/// beat; one that finds the lease taken marks it <see cref="IsLost"/>, and the worker stops at its next check.
/// </summary>
internal sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<bool>> _renew;
    private readonly Action<Exception>? _renewFailed;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private Task _pending = Task.CompletedTask;
    private volatile bool _lost;
    private bool _stopped; // guarded by _gate

    private LeaseHeartbeat(Func<CancellationToken, Task<bool>> renew, TimeSpan timeToLive, TimeProvider time, Action<Exception>? renewFailed)
    {
        _renew = renew;
        _renewFailed = renewFailed;
        var period = timeToLive / 3;
        _timer = time.CreateTimer(static state => ((LeaseHeartbeat)state!).Beat(), this, period, period);
    }

    /// <summary>Whether a renewal found the lease held by another instance: the holder must stop working.</summary>
    public bool IsLost => _lost;

    /// <summary>The renewal under way, if any (completed when none); tests wait for it after advancing a fake clock.</summary>
    internal Task Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    /// <summary>Starts renewing a lease just taken.</summary>
    /// <param name="renew">Renews the lease for another time to live; <see langword="false"/> when it is held elsewhere.</param>
    /// <param name="timeToLive">The lease's time to live; it is renewed every third of it.</param>
    /// <param name="time">The clock.</param>
    /// <param name="renewFailed">Told of a renewal that threw (it is retried at the next beat).</param>
    public static LeaseHeartbeat Start(Func<CancellationToken, Task<bool>> renew, TimeSpan timeToLive, TimeProvider time, Action<Exception>? renewFailed = null)
    {
        ArgumentNullException.ThrowIfNull(renew);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeToLive, TimeSpan.FromSeconds(1));
        return new LeaseHeartbeat(renew, timeToLive, time, renewFailed);
    }

    private void Beat()
    {
        lock (_gate)
        {
            // One renewal at a time: a slow database must not pile renewals up.
            if (_lost || _stopped || !_pending.IsCompleted)
            {
                return;
            }

            _pending = RenewAsync();
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            if (!await _renew(_stopping.Token).ConfigureAwait(false))
            {
                _lost = true;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // stopped while renewing: the holder releases the lease itself
        }
#pragma warning disable CA1031 // a failed beat is retried at the next one; the lease is lost only when another holder has it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _renewFailed?.Invoke(ex);
        }
    }

    /// <summary>Stops renewing and waits for a renewal under way; the holder then releases the lease.</summary>
    public async ValueTask DisposeAsync()
    {
        Task pending;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _stopping.Cancel();
            pending = _pending;
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        await pending.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
