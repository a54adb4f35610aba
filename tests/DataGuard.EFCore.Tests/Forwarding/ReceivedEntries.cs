using System.Globalization;
using System.Text.Json;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.EFCore.Tests.Forwarding;

/// <summary>What a test receiver got: every arrival in order, deduplicated by idempotency key (first arrival wins), and
/// the entries rebuilt from their JSON so that the chain can be verified from what was received alone.</summary>
internal sealed class ReceivedEntries
{
    private readonly object _gate = new();
    private readonly List<string> _arrivals = [];
    private readonly Dictionary<string, AuditEntry> _byKey = new(StringComparer.Ordinal);
    private readonly List<AuditEntry> _firstArrivals = [];

    public int Arrivals { get { lock (_gate) { return _arrivals.Count; } } }

    public int Duplicates { get { lock (_gate) { return _arrivals.Count - _byKey.Count; } } }

    public IReadOnlyList<AuditEntry> Unique { get { lock (_gate) { return [.. _firstArrivals]; } } }

    public bool Has(long sequences) { lock (_gate) { return _firstArrivals.Count >= sequences; } }

    public void Add(JsonElement json)
    {
        var key = json.GetProperty("idempotencyKey").GetString()!;
        lock (_gate)
        {
            _arrivals.Add(key);
            if (_byKey.ContainsKey(key))
            {
                return;
            }

            var entry = Parse(json);
            _byKey[key] = entry;
            _firstArrivals.Add(entry);
        }
    }

    public static AuditEntry Parse(JsonElement json)
    {
        string? Optional(string name) => json.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new AuditEntry
        {
            Sequence = json.GetProperty("sequence").GetInt64(),
            Timestamp = DateTimeOffset.Parse(json.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            Action = json.GetProperty("action").GetString()!,
            Actor = Optional("actor"),
            SubjectId = Optional("subjectId"),
            EntityType = Optional("entityType"),
            EntityKey = Optional("entityKey"),
            Properties = json.TryGetProperty("properties", out var properties) ? [.. properties.EnumerateArray().Select(static p => p.GetString()!)] : null,
            Purpose = Optional("purpose"),
            CorrelationId = Optional("correlationId"),
            Details = Optional("details"),
            Changes = json.TryGetProperty("changes",
                out var changes) ? [.. changes.EnumerateArray().Select(static c => new AuditValueChange(c.GetProperty("property").GetString()!,
                    c.GetProperty("old").GetString(), c.GetProperty("new").GetString()))] : null,
            PreviousHash = json.GetProperty("previousHash").GetBytesFromBase64(),
            Hash = json.GetProperty("hash").GetBytesFromBase64(),
        };
    }
}
