namespace DataGuard.Forwarding;

/// <summary>Where the syslog forwarder sends (<c>ForwardAuditToSyslog</c>).</summary>
public sealed class SyslogForwarderOptions
{
    /// <summary>The syslog collector's host name or address. Required.</summary>
    public string Host { get; set; } = "";

    /// <summary>The collector's TCP port; defaults to 6514 (syslog over TLS, RFC 5425).</summary>
    public int Port { get; set; } = 6514;

    /// <summary>Whether the connection is TLS (RFC 5425), validating the collector's certificate against
    /// <see cref="Host"/>. Defaults to <see langword="true"/>; plain TCP (RFC 6587) only on a trusted network.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>The facility in the priority; defaults to 13 (log audit).</summary>
    public int Facility { get; set; } = 13;

    /// <summary>The APP-NAME field; defaults to <c>dataguard</c>.</summary>
    public string AppName { get; set; } = "dataguard";

    /// <summary>The structured-data id that carries the sequence and idempotency key; defaults to
    /// <c>dataguard@32473</c> (32473 is the private enterprise number reserved for examples, RFC 5612: use your own).</summary>
    public string StructuredDataId { get; set; } = "dataguard@32473";
}
