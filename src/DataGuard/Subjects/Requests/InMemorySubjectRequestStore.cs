namespace DataGuard.Subjects.Requests;

/// <summary>A request store in process memory, for tests: requests — the proof that subjects were answered in time — are
/// lost at restart. It is not registered by default; register it explicitly
/// (<c>services.AddSingleton&lt;ISubjectRequestStore, InMemorySubjectRequestStore&gt;()</c>) or use
/// <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>.</summary>
public sealed class InMemorySubjectRequestStore : ISubjectRequestStore
{
    private readonly Dictionary<Guid, SubjectRequest> _requests = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A request with the same id exists.</exception>
    public ValueTask AddAsync(SubjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (!_requests.TryAdd(request.Id, request))
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
            if (!_requests.TryGetValue(request.Id, out var stored) || stored.Version != expectedVersion)
            {
                return ValueTask.FromResult(false);
            }

            _requests[request.Id] = request;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<SubjectRequest?> FindAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_requests.GetValueOrDefault(requestId));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SubjectRequest>> GetForSubjectAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<SubjectRequest>>(
                [.. _requests.Values.Where(r => r.SubjectId == subjectId).OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Id)]);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SubjectRequest>> GetOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<SubjectRequest>>(
                [.. _requests.Values.Where(r => r.IsOverdue(now)).OrderBy(r => r.DueAt).ThenBy(r => r.Id)]);
        }
    }
}
