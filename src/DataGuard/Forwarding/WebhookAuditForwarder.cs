using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using DataGuard.Audit;

namespace DataGuard.Forwarding;

/// <summary>
/// Posts batches of entries as <c>{"entries":[…]}</c> (each entry as <see cref="AuditForwarding.ToJson"/> writes it) to
/// an HTTPS endpoint. Every request carries <c>Idempotency-Key</c> (the batch's first and last entry keys; each entry also
/// carries its own) and <c>X-DataGuard-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c> under
/// the shared secret, so the receiver checks origin, integrity and freshness. A 2xx answer delivers the batch; 408, 429
/// and 5xx are retried; any other answer rejects it.
/// </summary>
internal sealed class WebhookAuditForwarder : IAuditForwarder, IDisposable
{
    public const string SignatureHeader = "X-DataGuard-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";

    private readonly HttpClient _client;
    private readonly Uri _endpoint;
    private readonly byte[] _secret;
    private readonly TimeProvider _time;

    public WebhookAuditForwarder(string name, WebhookForwarderOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _endpoint = options.Endpoint ?? throw new ArgumentException("The webhook forwarder needs an Endpoint.", nameof(options));
        _secret = Encoding.UTF8.GetBytes(options.Secret ?? throw new ArgumentException("The webhook forwarder needs a Secret.", nameof(options)));
        _time = time;
        _client = new HttpClient(handler
            ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Name { get; }

    /// <summary>The problem with webhook options, or null; checked at start-up.</summary>
    public static string? Problem(WebhookForwarderOptions options)
    {
        if (options.Endpoint is not { IsAbsoluteUri: true } endpoint)
        {
            return "needs an absolute Endpoint";
        }

        if (endpoint.Scheme != Uri.UriSchemeHttps && !(options.AllowInsecureLoopback && endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback))
        {
            return $"Endpoint {endpoint.GetLeftPart(UriPartial.Authority)} is not HTTPS; audit entries travel only over HTTPS (AllowInsecureLoopback permits " +
                "http to a loopback address)";
        }

        return options.Secret is not { Length: >= 32 } ? "needs a Secret of at least 32 characters" : null;
    }

    public async Task SendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var body = new MemoryStream();
        body.Write("{\"entries\":["u8);
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                body.WriteByte((byte)',');
            }

            body.Write(AuditForwarding.ToJson(entries[i]));
        }

        body.Write("]}"u8);
        var bytes = body.ToArray();
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(
            IdempotencyHeader, $"{AuditForwarding.IdempotencyKey(entries[0])}..{AuditForwarding.IdempotencyKey(entries[^1])}");
        request.Headers.TryAddWithoutValidation(SignatureHeader, $"t={timestamp},v1={Sign(_secret, timestamp, bytes)}");
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return;
        }

        if (status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500)
        {
            throw new HttpRequestException($"The audit webhook answered {status}; the batch is sent again.", null, response.StatusCode);
        }

        throw new AuditForwardRejectedException($"The audit webhook '{Name}' refused entries {entries[0].Sequence} to {entries[^1].Sequence} with " +
            $"status {status}.");
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <c>"{timestamp}.{body}"</c>.</summary>
    internal static string Sign(byte[] secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, message));
    }

    public void Dispose() => _client.Dispose();
}
