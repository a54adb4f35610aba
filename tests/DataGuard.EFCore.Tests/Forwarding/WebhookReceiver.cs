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
internal sealed class WebhookReceiver : LoopbackReceiver<WebhookReceiver.Behavior>
{
    public enum Behavior
    {
        Accept,
        Fail,
        Stall,
        CrashAfterReading,
    }

    private readonly byte[] _secret;

    public WebhookReceiver(string secret, IEnumerable<Behavior> schedule)
        : base(schedule)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        Start();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/audit");

    public int Requests { get; private set; }

    public int BadSignatures { get; private set; }

    public override string Describe() => $"{Requests} requests";

    /// <summary>Each request is one behaviour of the schedule; a connection serves requests until it closes.</summary>
    protected override async Task ServeAsync(TcpClient client)
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
            lock (Gate)
            {
                Requests++;
                behavior = Next();
            }

            if (behavior == Behavior.Fail)
            {
                await WriteAsync(stream, 503, "Service Unavailable");
                continue;
            }

            if (behavior == Behavior.Stall)
            {
                SignalStalled();
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
                StopListening(resetConnections: true); // received, but the sender never hears so: it must send again
                return;
            }

            await WriteAsync(stream, 204, "No Content");
        }
    }

    /// <summary>Resets the stall signal after the test handled it.</summary>
    public override void ReleaseStall() => ResetStalled();

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
}
