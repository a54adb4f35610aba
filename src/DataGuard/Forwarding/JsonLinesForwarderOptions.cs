namespace DataGuard.Forwarding;

/// <summary>Where and how the JSON Lines forwarder writes (<c>ForwardAuditToJsonLines</c>).</summary>
public sealed class JsonLinesForwarderOptions
{
    /// <summary>The folder the files are written to; created when missing. Required.</summary>
    public string Directory { get; set; } = "";

    /// <summary>The files' name before the counter: <c>audit-000001.jsonl</c>, <c>audit-000002.jsonl</c>, … Defaults to
    /// <c>audit</c>.</summary>
    public string FilePrefix { get; set; } = "audit";

    /// <summary>When a file would grow past this many bytes, the next entry starts a new file (an entry is never split).
    /// At least 1,024; defaults to 100 MB.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;
}
