using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Subjects;

/// <summary>
/// Keeps data-subject requests in the application's own context (the one named by <c>UseEntityFrameworkStores</c>).
/// Reads are no-tracking and go to the database every time. An update is one <c>SaveChanges</c>: the request row,
/// guarded by its <see cref="SubjectRequestRow.Version"/> concurrency token, and the new history rows, in one
/// transaction; a lost race rolls both back and reports <see langword="false"/>. Requests are written for, and read and
/// updated only within, the tenant of <see cref="ITenantContext.Current"/> (requests without a tenant when there is none).
/// </summary>
/// <remarks>Writing saves the context, like ASP.NET Core Identity's stores do: changes the application has pending on
/// the same scoped context are saved with the request.</remarks>
internal sealed partial class EntityFrameworkSubjectRequestStore<TContext>(TContext context, ITenantContext tenants) : ISubjectRequestStore
    where TContext : DbContext
{
    private static readonly SubjectRequestStatus[] ClosedStatuses = [SubjectRequestStatus.Completed, SubjectRequestStatus.Rejected];

    public async ValueTask AddAsync(SubjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var row = SubjectRequestRow.From(request);
        row.SubjectId = Canonical(request.SubjectId).Value;
        row.TenantId = tenants.Current;
        row.Changes.AddRange(request.History.Select((c, i) => SubjectRequestChangeRow.From(request.Id, i, c)));
        context.Add(row);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Detach(row);
        }
    }

    public async ValueTask<bool> TryUpdateAsync(SubjectRequest request, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (request.Version <= expectedVersion)
        {
            throw new ArgumentException($"The changed request has {request.Version} history entries; it needs more than the {expectedVersion} of the version " +
                "it was made from.", nameof(request));
        }

        // The row is attached as it was at expectedVersion, so EF Core's UPDATE … WHERE "Version" = expectedVersion is
        // the compare-and-swap; the history rows after expectedVersion are the new ones.
        var row = SubjectRequestRow.From(request);
        row.Version = expectedVersion;
        row.TenantId = tenants.Current;
        var entry = context.Attach(row);
        entry.Property(r => r.Status).IsModified = true;
        entry.Property(r => r.DueAt).IsModified = true;
        entry.Property(r => r.Version).CurrentValue = request.Version;
        for (var i = expectedVersion; i < request.History.Count; i++)
        {
            context.Add(SubjectRequestChangeRow.From(request.Id, i, request.History[i]));
        }

        DbUpdateException? failure;
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        catch (DbUpdateException ex)
        {
            failure = ex;
        }
        finally
        {
            Detach(row);
        }

        // The other writer's history rows may have taken these positions first: a key violation rather than a version
        // miss, depending on the order the database ran the statements in. Anything else is a real failure.
        if (await VersionMovedAsync(request.Id, expectedVersion, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        throw new DataGuardException($"Subject request {request.Id} could not be saved.", failure);
    }

    public async ValueTask<SubjectRequest?> FindAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        var row = await Requests().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken).ConfigureAwait(false);
        return row?.ToRequest();
    }

    public async ValueTask<IReadOnlyList<SubjectRequest>> GetForSubjectAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        var subject = Canonical(subjectId).Value;
        var rows = await Requests()
            .Where(r => r.SubjectId == subject)
            .OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(static r => r.ToRequest())];
    }

    public async ValueTask<IReadOnlyList<SubjectRequest>> GetOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var cutoff = now.UtcDateTime;
        var rows = await Requests()
            .Where(r => !ClosedStatuses.Contains(r.Status) && r.DueAt < cutoff)
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(static r => r.ToRequest())];
    }

    private IQueryable<SubjectRequestRow> Requests() =>
        Rows().AsSplitQuery().Include(r => r.Changes);

    /// <summary>The current tenant's request rows, no-tracking: every read starts here.</summary>
    private IQueryable<SubjectRequestRow> Rows()
    {
        var tenant = tenants.Current;
        return context.Set<SubjectRequestRow>().AsNoTracking().Where(r => r.TenantId == tenant);
    }

    private async Task<bool> VersionMovedAsync(Guid requestId, int expectedVersion, CancellationToken cancellationToken)
    {
        var stored = await Rows()
            .Where(r => r.Id == requestId).Select(r => (int?)r.Version)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return stored != expectedVersion;
    }

    /// <summary>Nothing stays tracked once written (or once the write failed), so the next change can attach afresh.</summary>
    private void Detach(SubjectRequestRow row)
    {
        foreach (var entry in context.ChangeTracker.Entries()
            .Where(e => e.Entity == row || (e.Entity is SubjectRequestChangeRow c && c.RequestId == row.Id))
            .ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>The model's one spelling of the id; text that cannot be a subject of the model is refused.</summary>
    private SubjectId Canonical(SubjectId subjectId) => context.Model.GetPersonalDataModel().SubjectIds.Canonicalize(subjectId, nameof(subjectId));
}
