using System.Collections.Concurrent;
using System.Data.Common;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// The signed erasure reports of executed erasure requests, for download: the report cannot be produced again once the
/// data is gone. They are kept with the request in the DataGuard store (<see cref="IErasureReportStore"/>, the EF Core
/// request store's <c>DataGuardErasureReports</c> table), so every instance serves them, after a restart too. A request
/// store without that table (an application's own store, or a database not yet migrated) falls back to this instance's
/// memory, bounded, the oldest going first; the page then tells the officer to download the report at once. Reports in
/// memory are kept per tenant, like the store's: another tenant's report is not found by guessing its request id.
/// </summary>
internal sealed class ErasureReportArchive
{
    public const int Capacity = 200;

    private readonly ConcurrentDictionary<(string? Tenant, Guid RequestId), Entry> _reports = new();
    private readonly ConcurrentQueue<(string? Tenant, Guid RequestId)> _order = new();

    /// <summary>Keeps a report; returns whether it is durable (in the store) rather than in this instance's memory.</summary>
    public async Task<bool> AddAsync(IServiceProvider services, Guid requestId, ErasureReport report, byte[]? signature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(report);
        var json = report.ToJson();
        if (services.GetService<ISubjectRequestStore>() is IErasureReportStore store)
        {
            var stored = new StoredErasureReport(requestId, json, signature, services.GetRequiredService<TimeProvider>().GetUtcNow());
            try
            {
                await store.SaveReportAsync(stored, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is DbException || ex.InnerException is DbException)
            {
                // The erasure is done: losing its report to a missing table would be worse than keeping it here.
                ConsoleLog.ErasureReportNotStored(
                    services.GetRequiredService<ILoggerFactory>().CreateLogger("DataGuard.AspNetCore.PrivacyConsole"), requestId, ex.GetType().Name);
            }
        }

        Remember((Tenant(services), requestId), new Entry(report, json, signature, Durable: false));
        return false;
    }

    /// <summary>A request's report, from the store or this instance's memory.</summary>
    public async Task<Entry?> FindAsync(IServiceProvider services, Guid requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (_reports.TryGetValue((Tenant(services), requestId), out var entry))
        {
            return entry;
        }

        if (services.GetService<ISubjectRequestStore>() is IErasureReportStore store
            && await store.FindReportAsync(requestId, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return new Entry(ErasureReport.FromJson(stored.Json), stored.Json, stored.Signature, Durable: true);
        }

        return null;
    }

    private static string? Tenant(IServiceProvider services) => services.GetService<ITenantContext>()?.Current;

    private void Remember((string? Tenant, Guid RequestId) key, Entry entry)
    {
        _reports[key] = entry;
        _order.Enqueue(key);
        while (_reports.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _reports.TryRemove(oldest, out _);
        }
    }

    /// <summary>A report as executed, its JSON bytes, their detached CMS signature when a certificate was set, and
    /// whether it is kept in the store (else only in this instance's memory).</summary>
    internal sealed record Entry(ErasureReport Report, byte[] Json, byte[]? Signature, bool Durable);
}
