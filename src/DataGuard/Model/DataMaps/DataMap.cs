using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataGuard.Model;

/// <summary>
/// The inventory a controller keeps under GDPR Art. 30: every entity and field holding personal data, its category,
/// encryption, masking and retention, and the purposes declared. Renders as JSON (for tools, and to check into source
/// control so that a change to personal data shows in review) and as Markdown (for people).
/// </summary>
/// <remarks>The rendering is deterministic: the same model and purposes give the same bytes.</remarks>
public sealed class DataMap
{
    /// <summary>The schema identifier written into the JSON form.</summary>
    public const string Schema = "dataguard-data-map/1";

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
    {
        ArgumentNullException.ThrowIfNull(purposes);
        ArgumentNullException.ThrowIfNull(entities);
        Purposes = purposes;
        Entities = entities;
    }

    /// <summary>The purposes of processing.</summary>
    public IReadOnlyList<DataMapPurpose> Purposes { get; }

    /// <summary>The entities holding personal data.</summary>
    public IReadOnlyList<DataMapEntity> Entities { get; }

    /// <summary>Describes a personal-data model and the declared purposes.</summary>
    /// <param name="model">The personal-data model.</param>
    /// <param name="purposes">The purposes, usually <see cref="DataGuardOptions.Purposes"/>.</param>
    /// <returns>The data map.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DataMap Create(PersonalDataModel model, IEnumerable<Purpose> purposes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(purposes);

        var purposeRows = purposes
            .Select(static p => new DataMapPurpose(p.Name, p.Description, p.LawfulBasis, p.NoticeVersion, p.RequiresConsent, p.AcceptsOlderNotices, p.DefaultExpiry?.TotalDays))
            .ToArray();
        var entityRows = model.Entities
            .Select(static e => new DataMapEntity(
                e.Name,
                e.ClrType.FullName ?? e.ClrType.Name,
                e.StoreName,
                e.SubjectProperty,
                e.Retention is { } r ? new DataMapRetention(r.Days, r.From, r.Then, r.LegalRequirement) : null,
                e.Fields.Select(static f => new DataMapField(f.Name, TypeDisplay.Of(f.ClrType), f.Category, f.IsSpecialCategory, f.Encrypted, f.Searchable, f.Mask)).ToArray(),
                e.SubjectPath,
                e.Fields.Count > 0 && !e.IsReachableBySubject && e.Owner is null))
            .ToArray();
        return new DataMap(purposeRows, entityRows);
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
            throw new DataGuardException($"The data map is not valid JSON (at {ex.Path ?? "$"}, line {ex.LineNumber}).", ex);
        }

        if (document is null || !string.Equals(document.Schema, Schema, StringComparison.Ordinal))
        {
            throw new DataGuardException($"The data map's schema is not '{Schema}'.");
        }

        return new DataMap(document.Purposes, document.Entities);
    }

    /// <summary>Renders the data map as indented UTF-8 JSON with the schema identifier first. Like every DataGuard
    /// report's <c>ToJson</c> (<see cref="Subjects.ErasureReport.ToJson"/>), it returns the bytes to store, sign or send.</summary>
    /// <returns>The JSON bytes.</returns>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new Document(Schema, Purposes, Entities), JsonOptions);

    /// <summary>Renders the data map as Markdown: a table of purposes, then one section per entity.</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Data map (record of processing, GDPR Art. 30)").AppendLine();
        md.AppendLine("## Purposes").AppendLine();
        if (Purposes.Count == 0)
        {
            md.AppendLine("No purposes are declared.").AppendLine();
        }
        else
        {
            md.AppendLine("| Purpose | Lawful basis | Notice | Consent required | Default expiry | Description |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var p in Purposes)
            {
                var expiry = !p.RequiresConsent ? "-" : p.DefaultExpiryDays is { } days ? days.ToString("0.##", CultureInfo.InvariantCulture) + " days" : "until withdrawn";
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(p.Name)} | {p.LawfulBasis} | {Cell(p.NoticeVersion ?? "-")} | {(p.RequiresConsent ? "yes" : "no")} | {expiry} | {Cell(p.Description ?? "")} |");
            }

            md.AppendLine();
        }

        md.AppendLine("## Personal data").AppendLine();
        if (Entities.Count == 0)
        {
            md.AppendLine("No entity holds personal data.");
        }

        foreach (var e in Entities)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {Cell(e.Name)}").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"- Type: `{e.ClrType}`");
            if (e.Store is not null)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- Stored in: `{e.Store}`");
            }

            md.AppendLine(e.Subject is not null ? $"- Data subject: `{e.Subject}`"
                : e.SubjectPath is not null ? $"- Data subject: through `{e.SubjectPath}`"
                : e.Unreachable ? "- Data subject: none — **personal data no subject reaches** (export and erasure cannot find it)"
                : "- Data subject: none (not reachable by subject)");
            if (e.Retention is { } r)
            {
                md.Append(CultureInfo.InvariantCulture, $"- Retention: {r.Days} days from `{r.From}`, then {r.Then.ToString().ToLowerInvariant()}");
                md.AppendLine(r.LegalRequirement is null ? "" : $"; kept at least that long: {Cell(r.LegalRequirement)}");
            }
            else
            {
                md.AppendLine("- Retention: not declared");
            }

            md.AppendLine();
            if (e.Fields.Count > 0)
            {
                md.AppendLine("| Field | Type | Category | Encrypted | Searchable | Mask |");
                md.AppendLine("|---|---|---|---|---|---|");
                foreach (var f in e.Fields)
                {
                    var category = f.SpecialCategory ? $"{f.Category} (special)" : f.Category.ToString();
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | {Cell(f.Type)} | {category} | {(f.Encrypted ? "yes" : "no")} | {(f.Searchable ? "yes" : "no")} | {f.Mask} |");
                }

                md.AppendLine();
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private sealed record Document(string Schema, IReadOnlyList<DataMapPurpose> Purposes, IReadOnlyList<DataMapEntity> Entities);
}
