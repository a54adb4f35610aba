using DataGuard.Tenants;

namespace DataGuard.Subjects.Requests;

/// <summary>A request store in process memory, for tests: requests — the proof that subjects were answered in time — are
/// lost at restart. It is not registered by default; register it explicitly
/// (<c>services.AddSingleton&lt;ISubjectRequestStore, InMemorySubjectRequestStore&gt;()</c>) or use
/// <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>. Requests are kept per tenant (<see cref="ITenantContext.Current"/>):
/// another tenant's request is not found, listed or updated, even by its id.</summary>
public sealed class InMemorySubjectRequestStore : ISubjectRequestStore
{
    private readonly Dictionary<Guid, (string? Tenant, SubjectRequest Request)> _requests = [];
    private readonly Lock _lock = new();
    private readonly ITenantContext? _tenants;

    /// <summary>Creates a store that keeps requests per tenant of DataGuard's default tenant context.</summary>
    public InMemorySubjectRequestStore()
    {
    }

    /// <summary>Creates a store that keeps requests per tenant of <paramref name="tenants"/>.</summary>
    /// <param name="tenants">The tenant context whose <see cref="ITenantContext.Current"/> scopes every call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tenants"/> is null.</exception>
    public InMemorySubjectRequestStore(ITenantContext tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        _tenants = tenants;
    }

    private string? Tenant => _tenants is null ? TenantScope.Current?.Tenant : _tenants.Current;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A request with the same id exists.</exception>
    public ValueTask AddAsync(SubjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (!_requests.TryAdd(request.Id, (Tenant, request)))
            {
                throw new InvalidOperationException($"Subject request {request.Id} exists already.");
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryUpdateAsync(SubjectRequest request, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            var tenant = Tenant;
            if (!_requests.TryGetValue(request.Id, out var stored) || stored.Tenant != tenant || stored.Request.Version != expectedVersion)
            {
                return ValueTask.FromResult(false);
            }

            _requests[request.Id] = (tenant, request);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<SubjectRequest?> FindAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_requests.TryGetValue(requestId, out var stored) && stored.Tenant == Tenant ? stored.Request : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SubjectRequest>> GetForSubjectAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<SubjectRequest>>(
                [.. Current().Where(r => r.SubjectId == subjectId).OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id)]);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SubjectRequest>> GetOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<SubjectRequest>>(
                [.. Current().Where(r => r.IsOverdue(now)).OrderBy(r => r.DueAt).ThenBy(r => r.Id)]);
        }
    }

    private IEnumerable<SubjectRequest> Current()
    {
        var tenant = Tenant;
        return _requests.Values.Where(r => r.Tenant == tenant).Select(static r => r.Request);
    }
}
