using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using DataGuard.Audit;

namespace DataGuard.Forwarding;

/// <summary>
/// Sends entries as RFC 5424 syslog messages over TCP, octet-counted (RFC 6587), optionally in TLS (RFC 5425): priority
/// from the facility and severity informational, the entry's timestamp, APP-NAME, the action as MSGID, structured data
/// <c>[dataguard@32473 seq="…" key="…"]</c> and the entry's JSON (<see cref="AuditForwarding.ToJson"/>) as the message.
/// Syslog has no acknowledgement, so each batch goes over a connection of its own that DataGuard closes for sending and
/// then reads until the collector closes too: a collector that reads to the end of the stream and closes (as syslog
/// collectors do) confirms the batch; a reset or a timeout sends it again. A collector that drops a connection without
/// reading it to the end cannot be told from one that read it, which is why the webhook is the forwarder of choice when
/// no entry may be missing.
/// </summary>
internal sealed class SyslogAuditForwarder(string name, SyslogForwarderOptions options) : IAuditForwarder
{
    private const int Informational = 6;

    private static readonly string HostName = PrintableOrNil(Environment.MachineName, 255);
    private static readonly string ProcessId = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    public string Name { get; } = name;

    /// <summary>The problem with syslog options, or null; checked at start-up.</summary>
    public static string? Problem(SyslogForwarderOptions options) => options switch
    {
        { Host: null or "" } => "needs a Host",
        { Port: < 1 or > 65535 } => $"Port {options.Port} is not a TCP port",
        { Facility: < 0 or > 23 } => $"Facility {options.Facility} is not between 0 and 23",
        { AppName.Length: < 1 or > 48 } => "AppName must have 1 to 48 characters",
        _ => null,
    };

    public async Task SendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
        var socket = client.Client;
        await using var network = new NetworkStream(socket, ownsSocket: false);
        Stream stream = network;
        SslStream? tls = null;
        if (options.UseTls)
        {
            tls = new SslStream(network, leaveInnerStreamOpen: true);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host }, cancellationToken).ConfigureAwait(false);
            stream = tls;
        }

        try
        {
            using var frames = new MemoryStream();
            foreach (var entry in entries)
            {
                var message = Format(entry);
                frames.Write(Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " "));
                frames.Write(message);
            }

            await stream.WriteAsync(frames.GetBuffer().AsMemory(0, (int)frames.Length), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (tls is not null)
            {
                await tls.ShutdownAsync().ConfigureAwait(false);
            }

            socket.Shutdown(SocketShutdown.Send);

            // The collector closes once it has read everything up to our end of stream: that is the confirmation.
            var discard = new byte[256];
            while (await stream.ReadAsync(discard, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            if (tls is not null)
            {
                await tls.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    internal byte[] Format(AuditEntry entry)
    {
        var priority = (options.Facility * 8) + Informational;
        var header = string.Create(
            CultureInfo.InvariantCulture,
            $"<{priority}>1 {entry.Timestamp.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'} {HostName} {PrintableOrNil(options.AppName, 48)} {ProcessId} " +
            $"{PrintableOrNil(entry.Action, 32)} [{options.StructuredDataId} seq=\"{entry.Sequence}\" " +
            $"key=\"{Escape(AuditForwarding.IdempotencyKey(entry))}\"] ");
        var json = AuditForwarding.ToJson(entry);
        var message = new byte[Encoding.ASCII.GetByteCount(header) + 3 + json.Length];
        var written = Encoding.ASCII.GetBytes(header, message);
        "\uFEFF"u8.CopyTo(message.AsSpan(written)); // RFC 5424 6.4: a UTF-8 MSG starts with the BOM
        json.CopyTo(message.AsSpan(written + 3));
        return message;
    }

    /// <summary>RFC 5424 header fields are printable US-ASCII without spaces, or "-" when empty.</summary>
    private static string PrintableOrNil(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var chars = value.Select(static c => c is > ' ' and <= '~' ? c : '_').Take(max).ToArray();
        return new string(chars);
    }

    /// <summary>RFC 5424 6.3.3: '"', '\' and ']' are escaped in parameter values.</summary>
    private static string Escape(string value)
        => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}
