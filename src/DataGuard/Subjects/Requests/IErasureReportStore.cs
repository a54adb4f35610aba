namespace DataGuard.Subjects.Requests;

/// <summary>Keeps the signed erasure report of an executed erasure request with the request, so any instance can serve
/// it for download and verification, after a restart too: the report cannot be produced again once the data is gone.
/// Implemented by the EF Core request store (table <c>DataGuardErasureReports</c>).</summary>
internal interface IErasureReportStore
{
    /// <summary>Stores a request's report; a report stored before for the request is kept (the first one is the
    /// record of what the erasure did).</summary>
    /// <param name="report">The report's JSON and signature.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the report is durable.</returns>
    ValueTask SaveReportAsync(StoredErasureReport report, CancellationToken cancellationToken);

    /// <summary>A request's report.</summary>
    /// <param name="requestId">The erasure request.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report, or <see langword="null"/> when none is stored.</returns>
    ValueTask<StoredErasureReport?> FindReportAsync(Guid requestId, CancellationToken cancellationToken);
}
