using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DataGuard.EFCore.Tests.Forwarding;

/// <summary>
/// A minimal HTTP/1.1 webhook receiver on 127.0.0.1 that answers requests by a schedule: accept, fail (503), stall (no
/// answer until the sender gives up), or crash after reading the body (entries received, no answer, listener down until
/// <see cref="Start"/>). It checks every request's HMAC signature and records entries by idempotency key.
/// </summary>
internal sealed class WebhookReceiver : IScheduledReceiver
{
    public enum Behavior
    {
        Accept,
        Fail,
        Stall,
        CrashAfterReading,
    }

    private readonly byte[] _secret;
    private readonly Queue<Behavior> _schedule;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebhookReceiver(string secret, IEnumerable<Behavior> schedule)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        _schedule = new Queue<Behavior>(schedule);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/audit");

    public ReceivedEntries Received { get; } = new();

    public int Requests { get; private set; }

    public int BadSignatures { get; private set; }

    public bool IsDown => _listener is null;

    public string Describe() => $"{Requests} requests";

    /// <summary>Completes when a request is being stalled (the test then moves the clock past the send timeout).</summary>
    public Task Stalled => _stalled.Task;

    public void Start()
    {
        lock (_connections)
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

    private void Crash()
    {
        lock (_connections)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var connection in _connections)
            {
                if (connection.Client is { } socket)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                connection.Dispose();
            }

            _connections.Clear();
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

            lock (_connections)
            {
                _connections.Add(client);
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            while (true)
            {
                var (headers, body) = await ReadRequestAsync(stream);
                if (headers is null)
                {
                    return;
                }

                Behavior behavior;
                lock (_connections)
                {
                    Requests++;
                    behavior = _schedule.Count > 0 ? _schedule.Dequeue() : Behavior.Accept;
                }

                if (behavior == Behavior.Fail)
                {
                    await WriteAsync(stream, 503, "Service Unavailable");
                    continue;
                }

                if (behavior == Behavior.Stall)
                {
                    _stalled.TrySetResult();
                    await ReadRequestAsync(stream); // until the sender gives up and closes
                    return;
                }

                if (!SignatureValid(headers, body))
                {
                    BadSignatures++;
                    await WriteAsync(stream, 401, "Unauthorized");
                    continue;
                }

                using (var json = JsonDocument.Parse(body))
                {
                    foreach (var entry in json.RootElement.GetProperty("entries").EnumerateArray())
                    {
                        Received.Add(entry);
                    }
                }

                if (behavior == Behavior.CrashAfterReading)
                {
                    Crash(); // received, but the sender never hears so: it must send again
                    return;
                }

                await WriteAsync(stream, 204, "No Content");
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_connections)
            {
                _connections.Remove(client);
            }

            client.Dispose();
        }
    }

    /// <summary>Resets the stall signal after the test handled it.</summary>
    public void ReleaseStall() => _stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    private bool SignatureValid(Dictionary<string, string> headers, byte[] body)
    {
        if (!headers.TryGetValue("x-dataguard-signature", out var signature) || !headers.ContainsKey("idempotency-key"))
        {
            return false;
        }

        var parts = signature.Split(',').Select(static p => p.Split('=', 2)).ToDictionary(static p => p[0], static p => p[1]);
        var message = Encoding.ASCII.GetBytes(parts["t"] + ".").Concat(body).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(_secret, message));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["v1"]));
    }

    private static async Task<(Dictionary<string, string>? Headers, byte[] Body)> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return (null, []);
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(static l => l.Split(':', 2)).ToDictionary(static p => p[0].Trim().ToLowerInvariant(), static p => p[1].Trim());
        var length = int.Parse(headers.GetValueOrDefault("content-length", "0"), System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return (headers, body);
    }

    private static Task WriteAsync(NetworkStream stream, int status, string reason)
        => stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\n\r\n")).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Crash();
        _stopping.Dispose();
    }
}
