using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace DataGuard.EFCore.Tests.Forwarding;

/// <summary>
/// A syslog collector on 127.0.0.1 (RFC 6587 octet counting, RFC 5424 messages) that treats each connection by a
/// schedule: read to the end and close (as collectors do), stall (read nothing until the sender gives up, then read what
/// arrived), reset after reading half of the messages, or be down (listener stopped until <see cref="Start"/>).
/// </summary>
internal sealed class SyslogReceiver : IScheduledReceiver
{
    public enum Behavior
    {
        Accept,
        Stall,
        ResetHalfway,
        GoDown,
    }

    private readonly Queue<Behavior> _schedule;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private TcpListener? _listener;
    private TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SyslogReceiver(IEnumerable<Behavior> schedule)
    {
        _schedule = new Queue<Behavior>(schedule);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    public ReceivedEntries Received { get; } = new();

    public List<string> Headers { get; } = [];

    public bool IsDown { get { lock (_gate) { return _listener is null; } } }

    public Task Stalled => _stalled.Task;

    private readonly List<string> _log = [];

    public string Describe() { lock (_gate) { return string.Join("; ", _log); } }

    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>After the sender gave up on a stalled connection: the receiver reads what arrived.</summary>
    public void ReleaseStall()
    {
        _stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = _release;
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        release.TrySetResult();
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            Behavior behavior;
            lock (_gate)
            {
                behavior = _schedule.Count > 0 ? _schedule.Dequeue() : Behavior.Accept;
            }

            _ = ServeAsync(client, behavior);
        }
    }

    private async Task ServeAsync(TcpClient client, Behavior behavior)
    {
        using var _ = client;
        try
        {
            if (behavior == Behavior.GoDown)
            {
                lock (_gate)
                {
                    _log.Add("GoDown");
                }

                Stop();
                Abort(client);
                return; // reset without reading: nothing of this batch arrived
            }

            if (behavior == Behavior.Stall)
            {
                var release = _release.Task;
                _stalled.TrySetResult();
                await release; // the test lets the sender give up first

            }

            var frames = await ReadFramesAsync(client.GetStream());
            var keep = behavior == Behavior.ResetHalfway ? frames.Count / 2 : frames.Count;
            lock (_gate)
            {
                _log.Add($"{behavior}: {frames.Count} frames, kept {keep}");
            }

            foreach (var frame in frames.Take(keep))
            {
                Record(frame);
            }

            if (behavior == Behavior.ResetHalfway)
            {
                Abort(client); // a crash: the sender sees a reset, not an end of stream
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Closes with a reset and without the shutdown a NetworkStream would send first (an end of stream).</summary>
    private static void Abort(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    private static async Task<List<byte[]>> ReadFramesAsync(NetworkStream stream)
    {
        using var all = new MemoryStream();
        try
        {
            await stream.CopyToAsync(all);
        }
        catch (IOException)
        {
            // the sender gave up and reset: keep the complete frames that arrived
        }

        var data = all.ToArray();
        var frames = new List<byte[]>();
        var at = 0;
        while (at < data.Length)
        {
            var space = Array.IndexOf(data, (byte)' ', at);
            if (space < 0)
            {
                break;
            }

            var length = int.Parse(Encoding.ASCII.GetString(data, at, space - at), CultureInfo.InvariantCulture);
            if (space + 1 + length > data.Length)
            {
                break; // a partial frame
            }

            frames.Add(data[(space + 1)..(space + 1 + length)]);
            at = space + 1 + length;
        }

        return frames;
    }

    private void Record(byte[] frame)
    {
        var bom = frame.AsSpan().IndexOf("\uFEFF"u8);
        var header = Encoding.ASCII.GetString(frame, 0, bom);
        lock (_gate)
        {
            Headers.Add(header);
        }

        using var json = JsonDocument.Parse(frame.AsMemory(bom + 3));
        Received.Add(json.RootElement);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Stop();
        _stopping.Dispose();
    }
}
