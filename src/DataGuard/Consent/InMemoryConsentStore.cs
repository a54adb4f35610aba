using DataGuard.Subjects;
using DataGuard.Tenants;

namespace DataGuard.Consent;

/// <summary>A consent store in process memory, for tests: records — the proof of consent — are lost at restart. It is not
/// registered by default; register it explicitly (<c>services.AddSingleton&lt;IConsentStore, InMemoryConsentStore&gt;()</c>)
/// or use <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>. Records are kept per tenant
/// (<see cref="ITenantContext.Current"/>): the same subject id in two tenants is two subjects.</summary>
public sealed class InMemoryConsentStore : IConsentStore
{
    private readonly Dictionary<(string? Tenant, SubjectId Subject), List<ConsentRecord>> _records = [];
    private readonly Lock _lock = new();
    private readonly ITenantContext? _tenants;

    /// <summary>Creates a store that keeps records per tenant of DataGuard's default tenant context.</summary>
    public InMemoryConsentStore()
    {
    }

    /// <summary>Creates a store that keeps records per tenant of <paramref name="tenants"/>.</summary>
    /// <param name="tenants">The tenant context whose <see cref="ITenantContext.Current"/> scopes every call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tenants"/> is null.</exception>
    public InMemoryConsentStore(ITenantContext tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        _tenants = tenants;
    }

    private string? Tenant => _tenants is null ? TenantScope.Current?.Tenant : _tenants.Current;

    /// <inheritdoc />
    public ValueTask AppendAsync(ConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            var key = (Tenant, record.SubjectId);
            if (!_records.TryGetValue(key, out var list))
            {
                _records[key] = list = [];
            }

            list.Add(record);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ConsentRecord>> GetLatestAsync(SubjectId subjectId, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        lock (_lock)
        {
            if (!_records.TryGetValue((Tenant, subjectId), out var list))
            {
                return ValueTask.FromResult<IReadOnlyList<ConsentRecord>>([]);
            }

            var latest = new List<ConsentRecord>(2);
            AddLast(list, purpose, latest);
            AddLast(list, ConsentRecord.AllPurposes, latest);
            return ValueTask.FromResult<IReadOnlyList<ConsentRecord>>(latest);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ConsentRecord>> GetHistoryAsync(SubjectId subjectId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<ConsentRecord>>(_records.TryGetValue((Tenant, subjectId), out var list) ? [.. list] : []);
        }
    }

    private static void AddLast(List<ConsentRecord> list, string purpose, List<ConsentRecord> into)
    {
        var index = list.FindLastIndex(r => string.Equals(r.Purpose, purpose, StringComparison.Ordinal));
        if (index >= 0)
        {
            into.Add(list[index]);
        }
    }
}
