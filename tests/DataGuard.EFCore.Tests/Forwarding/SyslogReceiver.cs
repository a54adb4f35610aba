using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace DataGuard.EFCore.Tests.Forwarding;

/// <summary>
/// A syslog collector on 127.0.0.1 (RFC 6587 octet counting, RFC 5424 messages) that treats each connection by a
/// schedule: read to the end and close (as collectors do), stall (read nothing until the sender gives up, then read what
/// arrived), reset after reading half of the messages, or be down (listener stopped until <see cref="Start"/>).
/// </summary>
internal sealed class SyslogReceiver : LoopbackReceiver<SyslogReceiver.Behavior>
{
    public enum Behavior
    {
        Accept,
        Stall,
        ResetHalfway,
        GoDown,
    }

    private readonly List<string> _log = [];
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SyslogReceiver(IEnumerable<Behavior> schedule)
        : base(schedule)
    {
        Start();
    }

    public List<string> Headers { get; } = [];

    public override string Describe()
    {
        lock (Gate)
        {
            return string.Join("; ", _log);
        }
    }

    /// <summary>After the sender gave up on a stalled connection: the receiver reads what arrived.</summary>
    public override void ReleaseStall()
    {
        ResetStalled();
        var release = _release;
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        release.TrySetResult();
    }

    /// <summary>Each connection is one behaviour of the schedule.</summary>
    protected override async Task ServeAsync(TcpClient client)
    {
        var behavior = Next();
        if (behavior == Behavior.GoDown)
        {
            lock (Gate)
            {
                _log.Add("GoDown");
            }

            StopListening(resetConnections: false);
            Abort(client);
            return; // reset without reading: nothing of this batch arrived
        }

        if (behavior == Behavior.Stall)
        {
            var release = _release.Task;
            SignalStalled();
            await release; // the test lets the sender give up first
        }

        var frames = await ReadFramesAsync(client.GetStream());
        var keep = behavior == Behavior.ResetHalfway ? frames.Count / 2 : frames.Count;
        lock (Gate)
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
        lock (Gate)
        {
            Headers.Add(header);
        }

        using var json = JsonDocument.Parse(frame.AsMemory(bom + 3));
        Received.Add(json.RootElement);
    }
}
