using System.Globalization;
using System.Text.Json;
using DataGuard.Subjects.Packages;

namespace DataGuard.Subjects;

/// <summary>
/// <c>manifest.json</c> of an export package: the format and its version, the subject, when and by which DataGuard
/// the package was made, a fingerprint of the exported schema, the row count per entity, and the length and SHA-256
/// of every other file. <c>manifest.p7s</c>, when present, signs exactly these bytes.
/// </summary>
public sealed class ExportManifest
{
    /// <summary>The format identifier written into every manifest.</summary>
    public const string FormatId = "dataguard-subject-export";

    /// <summary>The format version this DataGuard writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The manifest's path in the package.</summary>
    public const string Path = "manifest.json";

    /// <summary>The detached signature's path in the package.</summary>
    public const string SignaturePath = "manifest.p7s";

    /// <summary>The format version.</summary>
    public required int Version { get; init; }

    /// <summary>The data subject whose data the package holds.</summary>
    public required SubjectId Subject { get; init; }

    /// <summary>When the export started (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The DataGuard version that wrote the package.</summary>
    public required string LibraryVersion { get; init; }

    /// <summary>A SHA-256 fingerprint (hex) of the exported entities and their columns: equal fingerprints mean equal
    /// file layouts.</summary>
    public required string Schema { get; init; }

    /// <summary>The exported entities, with row counts, in file order.</summary>
    public required IReadOnlyList<ExportEntity> Entities { get; init; }

    /// <summary>Every file of the package except the manifest and its signature.</summary>
    public required IReadOnlyList<ExportFile> Files { get; init; }

    internal byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatId);
            json.WriteNumber("version", Version);
            json.WriteString("subject", Subject.Value);
            json.WriteString("createdAt", CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("library", LibraryVersion);
            json.WriteString("schema", Schema);
            json.WriteStartArray("entities");
            foreach (var entity in Entities)
            {
                json.WriteStartObject();
                json.WriteString("name", entity.Name);
                json.WriteNumber("rows", entity.Rows);
                json.WriteString("json", entity.Json);
                json.WriteString("csv", entity.Csv);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var file in Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteNumber("length", file.Length);
                json.WriteString("sha256", file.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a manifest; throws <see cref="SubjectExportException"/> for anything but a manifest of this version.</summary>
    internal static ExportManifest Parse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format)
                || format.ValueKind != JsonValueKind.String
                || format.GetString() != FormatId)
            {
                throw new SubjectExportException($"manifest.json is not a '{FormatId}' manifest.");
            }

            var version = root.GetProperty("version").GetInt32();
            if (version != CurrentVersion)
            {
                throw new SubjectExportException($"The package has format version {version}; this DataGuard reads version {CurrentVersion}.");
            }

            return new ExportManifest
            {
                Version = version,
                Subject = new SubjectId(Text(root, "subject")),
                CreatedAt = DateTimeOffset.Parse(
                    Text(root, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                LibraryVersion = Text(root, "library"),
                Schema = Text(root, "schema"),
                Entities = [.. root.GetProperty("entities").EnumerateArray().Select(static e => new ExportEntity(
                    Text(e, "name"), e.GetProperty("rows").GetInt64(), Text(e, "json"), Text(e, "csv")))],
                Files = [.. root.GetProperty("files").EnumerateArray().Select(static f => new ExportFile(
                    Text(f, "path"), f.GetProperty("length").GetInt64(), Text(f, "sha256")))],
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new SubjectExportException("manifest.json is not a valid manifest: a field is missing or has the wrong type.", ex);
        }
    }

    private static string Text(JsonElement element, string name)
        => element.GetProperty(name) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new FormatException($"'{name}' is not a string.");
}
