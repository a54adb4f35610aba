using System.Threading.Channels;
using DataGuard.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// The bounded queue between queries and the background writer of read-access audit. When it is full the query waits
/// (back-pressure, logged) rather than dropping a record; once the writer has stopped, records are appended directly so
/// that nothing read during shutdown goes unaudited.
/// </summary>
internal sealed class AuditReadQueue
{
    private readonly Channel<AuditRecord> _channel;
    private readonly int _capacity;
    private readonly EntityFrameworkAuditTrail _trail;
    private readonly ILogger<AuditReadQueue> _logger;

    public AuditReadQueue(IOptions<AuditOptions> options, EntityFrameworkAuditTrail trail, ILogger<AuditReadQueue> logger)
    {
        _capacity = options.Value.ReadQueueCapacity;
        _trail = trail;
        _logger = logger;
        _channel = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public ChannelReader<AuditRecord> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    public void Complete() => _channel.Writer.TryComplete();

    public void Enqueue(AuditRecord record)
    {
        if (!_channel.Writer.TryWrite(record))
        {
            EnqueueSlow(record, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public ValueTask EnqueueAsync(AuditRecord record, CancellationToken cancellationToken)
        => _channel.Writer.TryWrite(record) ? ValueTask.CompletedTask : new ValueTask(EnqueueSlow(record, cancellationToken));

    private async Task EnqueueSlow(AuditRecord record, CancellationToken cancellationToken)
    {
        try
        {
            AuditLog.ReadQueueFull(_logger, _capacity);
            await _channel.Writer.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _trail.AppendAsync([record], cancellationToken).ConfigureAwait(false);
        }
    }
}
