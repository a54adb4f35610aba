using DataGuard.Audit;

namespace DataGuard.Diagnostics.HealthChecks;

/// <summary>The last verification of the audit chain, shared by the health checks of one application so that the chain is
/// walked at most once per <see cref="OperationsOptions.AuditVerificationMaxAge"/>, and by one caller at a time.</summary>
internal sealed class AuditVerificationCache : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (AuditVerificationReport Report, DateTimeOffset At)? _last;

    public async Task<(AuditVerificationReport Report, DateTimeOffset At)> GetAsync(
        IAuditVerifier verifier,
        TimeProvider time,
        TimeSpan maxAge,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < maxAge)
            {
                return last;
            }

            var report = await verifier.VerifyAsync(cancellationToken).ConfigureAwait(false);
            _last = (report, time.GetUtcNow());
            return _last.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
