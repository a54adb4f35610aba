using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Leases;

/// <summary>
/// A lease in the <c>DataGuardLeases</c> table, so that of several application instances one at a time works a job.
/// Taking it is a single conditional UPDATE (<c>WHERE name = @n AND (expires_at &lt;= @now OR holder = @me)</c>) or,
/// when no row exists yet, an INSERT that loses on the primary key to a concurrent one; the database serialises both,
/// so two instances never both succeed. The holder renews it while it works, with a <see cref="LeaseHeartbeat"/>; if
/// the holder dies, the lease expires after its short time to live and another instance takes over. Time comes from
/// the caller's <see cref="TimeProvider"/>.
/// </summary>
internal static class DatabaseLease
{
    public const int MaxNameLength = 200;

    public static async Task<bool> TryAcquireAsync(
        DbContext context,
        string name,
        string holder,
        TimeSpan duration,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        var leases = context.Set<LeaseRecord>();
        var taken = await leases
            .Where(l => l.Name == name && (l.ExpiresAt <= now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), cancellationToken)
            .ConfigureAwait(false);
        if (taken == 1)
        {
            return true;
        }

        if (await leases.AnyAsync(l => l.Name == name, cancellationToken).ConfigureAwait(false))
        {
            return false; // another instance holds it and it has not expired
        }

        var lease = new LeaseRecord { Name = name, Holder = holder, ExpiresAt = expires };
        leases.Add(lease);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another instance inserted the row first
        }
        finally
        {
            context.Entry(lease).State = EntityState.Detached;
        }
    }

    /// <summary>Extends the lease; <see langword="false"/> when this holder lost it (it expired and another instance took it).</summary>
    public static async Task<bool> RenewAsync(
        DbContext context,
        string name,
        string holder,
        TimeSpan duration,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow().UtcDateTime + duration;
        return await context.Set<LeaseRecord>()
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expires), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    public static Task ReleaseAsync(DbContext context, string name, string holder, CancellationToken cancellationToken)
        => context.Set<LeaseRecord>().Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync(cancellationToken);
}
