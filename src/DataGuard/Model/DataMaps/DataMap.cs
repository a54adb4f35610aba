using System.Text.Json;
using System.Text.Json.Serialization;
using DataGuard.Consent;
using DataGuard.Subjects;

namespace DataGuard.Model.DataMaps;

/// <summary>
/// The inventory a controller keeps under GDPR Art. 30: every entity and field holding personal data, its category,
/// encryption, masking and retention, and the purposes declared. Renders as JSON (for tools, and to check into source
/// control so that a change to personal data shows in review) and as Markdown (for people).
/// </summary>
/// <remarks>The rendering is deterministic: the same model and purposes give the same bytes.</remarks>
public sealed class DataMap
{
    /// <summary>The schema identifier written into the JSON form. Version 2 added the record of processing's parties,
    /// recipients, transfers, time limits per category and security measures, and purposes' categories; version 1 maps
    /// still read. The record's optional <c>residency</c> (regions and each tenant's region) came later within version 2:
    /// maps without it read unchanged. The JSON schema is published as docs/data-map.schema.json.</summary>
    public const string Schema = "dataguard-data-map/2";

    private const string SchemaVersion1 = "dataguard-data-map/1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Creates a data map.</summary>
    /// <param name="purposes">The purposes of processing.</param>
    /// <param name="entities">The entities holding personal data.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DataMap(IReadOnlyList<DataMapPurpose> purposes, IReadOnlyList<DataMapEntity> entities)
        : this(purposes, entities, processing: null)
    {
    }

    /// <summary>Creates a data map with the record of processing's other parts.</summary>
    /// <param name="purposes">The purposes of processing.</param>
    /// <param name="entities">The entities holding personal data.</param>
    /// <param name="processing">Controller, recipients, transfers, time limits and security measures; null when unknown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="purposes"/> or <paramref name="entities"/> is null.</exception>
    public DataMap(IReadOnlyList<DataMapPurpose> purposes, IReadOnlyList<DataMapEntity> entities, DataMapProcessing? processing)
    {
        ArgumentNullException.ThrowIfNull(purposes);
        ArgumentNullException.ThrowIfNull(entities);
        Purposes = purposes;
        Entities = entities;
        Processing = processing;
    }

    /// <summary>The purposes of processing.</summary>
    public IReadOnlyList<DataMapPurpose> Purposes { get; }

    /// <summary>The entities holding personal data.</summary>
    public IReadOnlyList<DataMapEntity> Entities { get; }

    /// <summary>The record of processing's parts beyond the model: parties, categories of data subjects, recipients,
    /// transfers, time limits per category and security measures; null in a map made without them.</summary>
    public DataMapProcessing? Processing { get; }

    /// <summary>Describes a personal-data model and the declared purposes.</summary>
    /// <param name="model">The personal-data model.</param>
    /// <param name="purposes">The purposes, usually <see cref="DataGuardOptions.Purposes"/>.</param>
    /// <returns>The data map.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DataMap Create(PersonalDataModel model, IEnumerable<Purpose> purposes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(purposes);
        return DataMapBuilder.Create(model, [.. purposes], record: null, subjectKeys: false);
    }

    /// <summary>Describes a personal-data model, the declared purposes and the record of processing
    /// (<see cref="DataGuardOptions.RecordOfProcessing"/>): a complete GDPR Art. 30(1) record.</summary>
    /// <param name="model">The personal-data model.</param>
    /// <param name="options">DataGuard's options: purposes, record of processing, encryption settings and residency.</param>
    /// <returns>The data map.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DataMap Create(PersonalDataModel model, DataGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        return DataMapBuilder.Create(model, [.. options.Purposes], options.RecordOfProcessing, options.Encryption.SubjectKeys, options.Residency);
    }

    /// <summary>Reads a data map written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The UTF-8 JSON bytes.</param>
    /// <returns>The data map.</returns>
    /// <exception cref="DataGuardException">The bytes are not a data map of a schema this version understands.</exception>
    public static DataMap FromJson(ReadOnlySpan<byte> json)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            // The JsonException message quotes no input beyond a path and position, but keep ours plain anyway.
            throw DataGuardErrors.Refused($"The data map is not valid JSON (at {ex.Path ?? "$"}, line {ex.LineNumber}).", ex);
        }

        if (document is null
            || !(string.Equals(document.Schema, Schema, StringComparison.Ordinal) || string.Equals(document.Schema, SchemaVersion1, StringComparison.Ordinal)))
        {
            throw DataGuardErrors.Refused($"The data map's schema is not '{Schema}' (or '{SchemaVersion1}').");
        }

        return new DataMap(document.Purposes, document.Entities, document.Processing);
    }

    /// <summary>Renders the data map as indented UTF-8 JSON with the schema identifier first. Like every DataGuard
    /// report's <c>ToJson</c> (<see cref="Subjects.ErasureReport.ToJson"/>), it returns the bytes to store, sign or send.</summary>
    /// <returns>The JSON bytes.</returns>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new Document(Schema, Purposes, Entities, Processing), JsonOptions);

    /// <summary>The JSON schema of <see cref="ToJson"/>'s output (published as docs/data-map.schema.json).</summary>
    internal static System.Text.Json.Nodes.JsonNode JsonSchema()
    {
        // The exporter needs the options' resolver, which the serializer only fills in on first use.
        JsonOptions.MakeReadOnly(populateMissingResolver: true);
        return System.Text.Json.Schema.JsonSchemaExporter.GetJsonSchemaAsNode(JsonOptions, typeof(Document), new()
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = static (context, node) =>
            {
                if (context.Path.IsEmpty && node is System.Text.Json.Nodes.JsonObject root)
                {
                    root.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
                    root.Insert(1, "title", $"DataGuard data map ({Schema}): the record of processing, GDPR Art. 30");
                }

                return node;
            },
        });
    }

    /// <summary>Renders the data map as Markdown: the record of processing's parties, the purposes, then one section
    /// per entity, then recipients, transfers, time limits per category and security measures.</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown() => DataMapMarkdown.Render(this);

    /// <summary>What a reviewer should look at: personal data no purpose uses, purposes that declare nothing they use,
    /// personal data no subject reaches. Logged as warnings at start-up.</summary>
    /// <returns>One sentence per finding; empty when there is none.</returns>
    public IReadOnlyList<string> Review() => DataMapReview.Find(this);

    private sealed record Document(
        string Schema,
        IReadOnlyList<DataMapPurpose> Purposes,
        IReadOnlyList<DataMapEntity> Entities,
        DataMapProcessing? Processing = null);
}
