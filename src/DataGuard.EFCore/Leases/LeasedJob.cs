using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Leases;

/// <summary>
/// A job that holds its lease: a <see cref="LeaseHeartbeat"/> renews it in the background while
/// <see cref="RunBatchesAsync(Func{CancellationToken, Task{bool}}, CancellationToken)"/> works batch after batch, checking for cancellation before each batch
/// and for a lost
/// lease after each, so every leased job stops the same way. Disposing stops the heartbeat and releases the lease.
/// </summary>
internal sealed class LeasedJob : IAsyncDisposable
{
    private readonly JobLeases _leases;
    private readonly LeaseRequest _request;
    private readonly DbContext? _context;
    private readonly LeaseHeartbeat _heartbeat;

    internal LeasedJob(JobLeases leases, LeaseRequest request, DbContext? context, TimeProvider time)
    {
        _leases = leases;
        _request = request;
        _context = context;
        _heartbeat = LeaseHeartbeat.Start(ct => leases.RenewAsync(request.Name, request.TimeToLive, ct), request.TimeToLive, time, request.RenewFailed);
    }

    /// <summary>The lease's name.</summary>
    public string Name => _request.Name;

    /// <summary>Whether a renewal found the lease held by another instance: the job must stop working.</summary>
    public bool IsLost => _heartbeat.IsLost;

    /// <summary>The renewal under way, if any; tests wait for it after advancing a fake clock.</summary>
    internal Task HeartbeatPending => _heartbeat.Pending;

    /// <summary>Runs <paramref name="batch"/> until it returns <see langword="false"/> (it was the last), throwing on
    /// cancellation before each batch and stopping when the lease was lost after one.</summary>
    /// <returns><see langword="true"/> when the batches ran out; <see langword="false"/> when the lease was lost.</returns>
    public Task<bool> RunBatchesAsync(Func<CancellationToken, Task<bool>> batch, CancellationToken cancellationToken)
        => RunBatchesAsync(this, batch, cancellationToken);

    /// <summary><see cref="RunBatchesAsync(Func{CancellationToken, Task{bool}}, CancellationToken)"/> under
    /// <paramref name="job"/>'s lease, or without a lease when it is null (a dry run, which changes nothing).</summary>
    public static async Task<bool> RunBatchesAsync(LeasedJob? job, Func<CancellationToken, Task<bool>> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await batch(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            if (job?.IsLost == true)
            {
                return false;
            }
        }
    }

    /// <summary>Stops renewing and releases the lease (a release that throws is reported to
    /// <see cref="LeaseRequest.ReleaseFailed"/> when set: an unreleased lease expires by itself).</summary>
    public async ValueTask DisposeAsync()
    {
        await _heartbeat.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _leases.ReleaseAsync(_context, _request.Name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (_request.ReleaseFailed is not null)
        {
            _request.ReleaseFailed(ex);
        }
    }
}
