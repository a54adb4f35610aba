using System.Globalization;
using DataGuard.Audit;

namespace DataGuard.Forwarding;

/// <summary>
/// Appends each entry as one line of JSON (<see cref="AuditForwarding.ToJson"/>) to numbered files in a folder, starting a
/// new file when the current one would grow past <see cref="JsonLinesForwarderOptions.MaxFileBytes"/>; a file shipper
/// (Filebeat, Fluent Bit, the OpenTelemetry collector's filelog receiver) picks them up. Lines are flushed to disk before
/// the cursor moves, so a crash can repeat lines (deduplicate by <c>idempotencyKey</c>) but never lose one. Only one
/// instance writes at a time (the lease), so give every instance the same shared folder or one folder each with its own
/// <see cref="Name"/>.
/// </summary>
internal sealed class JsonLinesAuditForwarder(string name, JsonLinesForwarderOptions options) : IAuditForwarder
{
    private readonly object _gate = new();

    public string Name { get; } = name;

    public Task SendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            Directory.CreateDirectory(options.Directory);
            var (number, path) = Current();
            var stream = Open(path);
            try
            {
                foreach (var entry in entries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var line = AuditForwarding.ToJson(entry);
                    if (stream.Length > 0 && stream.Length + line.Length + 1 > options.MaxFileBytes)
                    {
                        stream.Flush(flushToDisk: true);
                        stream.Dispose();
                        number++;
                        stream = Open(FileName(number));
                    }

                    stream.Write(line);
                    stream.WriteByte((byte)'\n');
                }

                stream.Flush(flushToDisk: true);
            }
            finally
            {
                stream.Dispose();
            }
        }

        return Task.CompletedTask;
    }

    private static FileStream Open(string path) => new(path, FileMode.Append, FileAccess.Write, FileShare.Read);

    /// <summary>The newest file: the one with the highest counter, or the first.</summary>
    private (int Number, string Path) Current()
    {
        var newest = 1;
        foreach (var file in Directory.EnumerateFiles(options.Directory, options.FilePrefix + "-*.jsonl"))
        {
            var digits = Path.GetFileNameWithoutExtension(file)[(options.FilePrefix.Length + 1)..];
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > newest)
            {
                newest = number;
            }
        }

        return (newest, FileName(newest));
    }

    private string FileName(int number)
        => Path.Combine(options.Directory, string.Create(CultureInfo.InvariantCulture, $"{options.FilePrefix}-{number:D6}.jsonl"));
}
