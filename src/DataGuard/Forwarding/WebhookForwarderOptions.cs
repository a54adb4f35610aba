namespace DataGuard.Forwarding;

/// <summary>Where the webhook forwarder posts and how it signs (<c>ForwardAuditToWebhook</c>).</summary>
public sealed class WebhookForwarderOptions
{
    /// <summary>The HTTPS endpoint entries are posted to. Required.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The shared secret the HMAC-SHA256 signature is computed with: at least 32 characters, from your secret
    /// store. Required.</summary>
    public string? Secret { get; set; }

    /// <summary>Allows <c>http://</c> to a loopback address (127.0.0.1, ::1, localhost), for tests and a collector on the
    /// same machine. Off by default: entries otherwise travel only over HTTPS.</summary>
    public bool AllowInsecureLoopback { get; set; }
}
