using System.Buffers;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace DataGuard.Subjects.Packages;

/// <summary>
/// Composes an export package on a destination stream: per entity a JSON file and a CSV file streamed row by row, then
/// further JSON documents (consents, audit), then <c>manifest.json</c> listing them with their SHA-256, then
/// <c>manifest.p7s</c> when a certificate signs. Writes are asynchronous and flushed in chunks.
/// </summary>
internal sealed class SubjectExportWriter(Stream destination, SubjectId subject, DateTimeOffset createdAt, string schema, X509Certificate2? signingCertificate)
    : IAsyncDisposable
{
    private const int FlushThreshold = 32 * 1024;

    private static readonly string Library =
        typeof(SubjectExportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SubjectExportWriter).Assembly.GetName().Version?.ToString() ?? "unknown";

    private readonly PackageWriter _zip = new(destination);
    private readonly List<ExportFile> _files = [];
    private readonly List<ExportEntity> _entities = [];

    public static string JsonPath(string entity) => $"data/{entity}.json";

    public static string CsvPath(string entity) => $"data/{entity}.csv";

    /// <summary>
    /// Writes an entity's JSON and CSV files and adds it to the manifest. The rows are read once for the JSON file and
    /// kept for the CSV file while they are few (up to <paramref name="maxBufferedRows"/>); a subject with more rows is
    /// read a second time instead, so memory stays bounded. <paramref name="query"/> must return the same rows both times
    /// (the caller reads in one transaction).
    /// </summary>
    public async Task<long> WriteEntityAsync(
        string entity,
        IReadOnlyList<string> columns,
        Func<IAsyncEnumerable<object?[]>> query,
        int maxBufferedRows,
        CancellationToken cancellationToken)
    {
        var buffer = new List<object?[]>();
        var count = await WriteJsonAsync(entity, columns, Buffer(query(), buffer, maxBufferedRows), cancellationToken).ConfigureAwait(false);
        var csvCount = await WriteCsvAsync(
            entity, columns, count <= maxBufferedRows ? buffer.ToAsyncEnumerable() : query(), cancellationToken).ConfigureAwait(false);
        if (csvCount != count)
        {
            throw new InvalidOperationException($"{entity}: the CSV pass read {csvCount} rows but the JSON pass {count}; the database did not give the " +
                "export a stable snapshot.");
        }

        AddEntity(entity, count);
        return count;
    }

    /// <summary>Writes <c>data/&lt;entity&gt;.json</c>: an array of objects, one per row, properties in column order.</summary>
    public async Task<long> WriteJsonAsync(string entity, IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var entry = await _zip.BeginEntryAsync(JsonPath(entity), cancellationToken).ConfigureAwait(false);
        long count = 0;
        var names = columns.Select(static c => JsonEncodedText.Encode(c, ExportJsonEncoder.Instance)).ToArray();
        await using (var json = new Utf8JsonWriter(
            entry, new JsonWriterOptions { Indented = true, SkipValidation = true, Encoder = ExportJsonEncoder.Instance }))
        {
            json.WriteStartArray();
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                json.WriteStartObject();
                for (var i = 0; i < names.Length; i++)
                {
                    ExportValues.WriteJson(json, names[i].Value, row[i]);
                }

                json.WriteEndObject();
                count++;
                if (json.BytesPending > FlushThreshold)
                {
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            json.WriteEndArray();
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        _files.Add(await _zip.EndEntryAsync(cancellationToken).ConfigureAwait(false));
        return count;
    }

    /// <summary>Writes <c>data/&lt;entity&gt;.csv</c>: a header of column names, then one record per row.</summary>
    public async Task<long> WriteCsvAsync(string entity, IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var entry = await _zip.BeginEntryAsync(CsvPath(entity), cancellationToken).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(4096); // grows to the flush threshold for large entities only
        var line = new StringBuilder();
        AppendRecord(line, buffer, columns.Count, i => columns[i]);
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            AppendRecord(line, buffer, row.Length, i => ExportValues.Text(row[i]));
            count++;
            if (buffer.WrittenCount > FlushThreshold)
            {
                await entry.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }

        await entry.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _files.Add(await _zip.EndEntryAsync(cancellationToken).ConfigureAwait(false));
        return count;
    }

    public void AddEntity(string entity, long rows) => _entities.Add(new ExportEntity(entity, rows, JsonPath(entity), CsvPath(entity)));

    /// <summary>Writes a JSON document that fits in memory (consents, an audit trail page by page).</summary>
    public async Task WriteDocumentAsync(string path, Func<Utf8JsonWriter, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var entry = await _zip.BeginEntryAsync(path, cancellationToken).ConfigureAwait(false);
        await using (var json = new Utf8JsonWriter(entry, new JsonWriterOptions { Indented = true, Encoder = ExportJsonEncoder.Instance }))
        {
            await write(json, cancellationToken).ConfigureAwait(false);
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        _files.Add(await _zip.EndEntryAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Writes the manifest, its signature and the ZIP directory.</summary>
    public async Task<ExportManifest> CompleteAsync(CancellationToken cancellationToken)
    {
        var manifest = new ExportManifest
        {
            Version = ExportManifest.CurrentVersion,
            Subject = subject,
            CreatedAt = createdAt,
            LibraryVersion = Library,
            Schema = schema,
            Entities = _entities,
            Files = _files,
        };
        var bytes = manifest.ToJson();
        await _zip.WriteEntryAsync(ExportManifest.Path, bytes, cancellationToken).ConfigureAwait(false);
        if (signingCertificate is not null)
        {
            await _zip.WriteEntryAsync(
                ExportManifest.SignaturePath, DetachedSignature.Sign(bytes, signingCertificate), cancellationToken).ConfigureAwait(false);
        }

        await _zip.FinishAsync(cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    public ValueTask DisposeAsync() => _zip.DisposeAsync();

    private static async IAsyncEnumerable<object?[]> Buffer(IAsyncEnumerable<object?[]> rows, List<object?[]> buffer, int max)
    {
        var full = false;
        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (!full && buffer.Count < max)
            {
                buffer.Add(row);
            }
            else if (!full)
            {
                full = true; // too many to keep: the CSV pass reads again
                buffer.Clear();
                buffer.TrimExcess();
            }

            yield return row;
        }
    }

    private static void AppendRecord(StringBuilder line, ArrayBufferWriter<byte> buffer, int count, Func<int, string?> field)
    {
        line.Clear();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            Csv.AppendField(line, field(i));
        }

        line.Append("\r\n");
        Encoding.UTF8.GetBytes(line.ToString(), buffer);
    }
}
