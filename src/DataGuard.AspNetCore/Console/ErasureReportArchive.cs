using System.Collections.Concurrent;
using DataGuard.Subjects;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// The signed erasure reports of requests this console instance executed, kept in memory for download: the report
/// cannot be produced again once the data is gone. Bounded; the oldest go first. The console tells the officer to
/// download the report right away and keep it with the request's file, since a restart loses it.
/// </summary>
internal sealed class ErasureReportArchive
{
    public const int Capacity = 200;

    private readonly ConcurrentDictionary<Guid, Entry> _reports = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    public void Add(Guid requestId, ErasureReport report, byte[]? signature)
    {
        ArgumentNullException.ThrowIfNull(report);
        _reports[requestId] = new Entry(report, report.ToJson(), signature);
        _order.Enqueue(requestId);
        while (_reports.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _reports.TryRemove(oldest, out _);
        }
    }

    public Entry? Find(Guid requestId) => _reports.TryGetValue(requestId, out var entry) ? entry : null;

    /// <summary>A report as executed, its JSON bytes, and their detached CMS signature when a certificate was set.</summary>
    internal sealed record Entry(ErasureReport Report, byte[] Json, byte[]? Signature);
}
