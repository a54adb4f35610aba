using DataGuard.Subjects;

namespace DataGuard.Consent;

/// <summary>A consent store in process memory, for tests: records — the proof of consent — are lost at restart. It is not
/// registered by default; register it explicitly (<c>services.AddSingleton&lt;IConsentStore, InMemoryConsentStore&gt;()</c>)
/// or use <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>.</summary>
public sealed class InMemoryConsentStore : IConsentStore
{
    private readonly Dictionary<SubjectId, List<ConsentRecord>> _records = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public ValueTask AppendAsync(ConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            if (!_records.TryGetValue(record.SubjectId, out var list))
            {
                _records[record.SubjectId] = list = [];
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
            if (!_records.TryGetValue(subjectId, out var list))
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
            return ValueTask.FromResult<IReadOnlyList<ConsentRecord>>(_records.TryGetValue(subjectId, out var list) ? [.. list] : []);
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
