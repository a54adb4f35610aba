using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Leases;

/// <summary>
/// The leases of one job service (retention, the blind-index rebuild, an audit forwarder): one holder name for all of
/// them, and contexts of the store's type, each in a scope of its own, for the work a job's own context cannot do (the
/// heartbeat's renewals run while the job's context is busy with a batch). <see cref="TryStartAsync"/> takes a lease and
/// hands back the <see cref="LeasedJob"/> that works it batch after batch.
/// </summary>
internal sealed class JobLeases(IServiceScopeFactory scopes, Type contextType, TimeProvider time)
{
    /// <summary>This instance's name in lease rows.</summary>
    public string Holder { get; } = LeaseNames.NewHolder();

    /// <summary>Takes the lease, or extends it when this instance holds it already; <see langword="false"/> when another
    /// instance holds it.</summary>
    public Task<bool> TryAcquireAsync(DbContext context, string name, TimeSpan timeToLive, CancellationToken cancellationToken)
        => DatabaseLease.TryAcquireAsync(context, name, Holder, timeToLive, time, cancellationToken);

    /// <summary>Takes the lease (through <paramref name="context"/>, or a context of its own when null) and starts its
    /// heartbeat; <see langword="null"/> when another instance holds it. Disposing the job releases the lease through the
    /// same context.</summary>
    public async Task<LeasedJob?> TryStartAsync(LeaseRequest request, DbContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var taken = await WithContextAsync(context, c => TryAcquireAsync(c, request.Name, request.TimeToLive, cancellationToken)).ConfigureAwait(false);
        return taken ? new LeasedJob(this, request, context, time) : null;
    }

    /// <summary>Extends the lease through a context of its own; <see langword="false"/> when this instance lost it.</summary>
    public Task<bool> RenewAsync(string name, TimeSpan timeToLive, CancellationToken cancellationToken)
        => WithContextAsync(null, c => DatabaseLease.RenewAsync(c, name, Holder, timeToLive, time, cancellationToken));

    /// <summary>Gives the lease up (through <paramref name="context"/>, or a context of its own when null).</summary>
    public Task ReleaseAsync(DbContext? context, string name, CancellationToken cancellationToken)
        => WithContextAsync(context, async c =>
        {
            await DatabaseLease.ReleaseAsync(c, name, Holder, cancellationToken).ConfigureAwait(false);
            return true;
        });

    private async Task<T> WithContextAsync<T>(DbContext? context, Func<DbContext, Task<T>> work)
    {
        if (context is not null)
        {
            return await work(context).ConfigureAwait(false);
        }

        await using var scope = scopes.CreateAsyncScope();
        return await work((DbContext)scope.ServiceProvider.GetRequiredService(contextType)).ConfigureAwait(false);
    }
}
