using DataGuard.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// Drains the read-audit queue in batches, each appended in one transaction. On a failed batch it logs and retries the
/// same batch (records are never dropped). Stopping the host completes the queue and waits until every queued record
/// is written.
/// </summary>
internal sealed class AuditReadWriter(
    AuditReadQueue queue,
    EntityFrameworkAuditTrail trail,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditReadWriter> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _written;
    private int _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (_loop is null)
        {
            _loop = RunAsync();
        }

        // The host's shutdown timeout cancels waiting, not writing: a forced stop abandons only the retry delay.
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        AuditLog.ReadWriterDrained(logger, _written);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as a hosted service, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var batchSize = options.Value.ReadBatchSize;
        var batch = new List<AuditRecord>(batchSize);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < batchSize && queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            await WriteAsync(batch).ConfigureAwait(false);
            _written += batch.Count;
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<AuditRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await trail.AppendAsync(batch, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < 10 && ex is not OutOfMemoryException)
            {
                AuditLog.ReadFlushFailed(logger, ex, batch.Count);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), time, _stopping.Token).ConfigureAwait(false);
            }
        }
    }
}
