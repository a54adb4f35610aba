using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using DataGuard.Model;
using DataGuard.Subjects.Packages;

namespace DataGuard.Subjects;

/// <summary>
/// What an erasure did to one data subject's data, entity by entity, and what it kept and why. Its JSON form
/// (<see cref="ToJson"/>) signed with <see cref="Sign"/> is the certificate of erasure: a detached CMS signature that
/// <see cref="Verify"/> checks offline.
/// </summary>
public sealed class ErasureReport
{
    /// <summary>The format identifier written into the JSON form.</summary>
    public const string FormatId = "dataguard-erasure-report";

    /// <summary>The format version this DataGuard writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The data subject.</summary>
    public required SubjectId SubjectId { get; init; }

    /// <summary>When the erasure started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the erasure committed.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>Per entity reached by the subject, in the order the erasure worked them (dependents before principals,
    /// from the model's foreign keys), then one entry per entity whose rows the database deleted by cascade (counted before
    /// the delete, with the principal named in the reasons).</summary>
    public IReadOnlyList<ErasureEntityReport> Entities { get; init; } = [];

    /// <summary>Whether the subject's own data key was destroyed (crypto-shredding).</summary>
    public bool KeyShredded { get; init; }

    /// <summary>Whether processing of the subject was restricted (GDPR Art. 18) because rows were kept.</summary>
    public bool Restricted { get; init; }

    /// <summary>Whether the SQLite database file was compacted after the erasure and the compacted file reached the
    /// database file (its write-ahead log emptied), so deleted values left the file.</summary>
    public bool Vacuumed { get; init; }

    /// <summary>Whether DataGuard made sure that the database's own files keep no copy of what the erasure destroyed: on
    /// SQLite, deleted content was overwritten with zeros (<c>secure_delete</c>) and the write-ahead log was checkpointed
    /// and emptied. <see langword="false"/> when another connection kept the log from being emptied through every retry
    /// (the values may stay in the <c>-wal</c> file until the next checkpoint), and on databases where DataGuard cannot
    /// ensure it (PostgreSQL keeps dead row versions until VACUUM and old page images in its WAL; see
    /// docs/subject-rights.md). Backups and replicas are outside it either way.</summary>
    public bool Scrubbed { get; init; }

    /// <summary>Rows deleted, over all entities.</summary>
    public long Deleted => Entities.Sum(static e => e.Deleted);

    /// <summary>Rows anonymised, over all entities.</summary>
    public long Anonymized => Entities.Sum(static e => e.Anonymized);

    /// <summary>Rows made unreadable by shredding, over all entities.</summary>
    public long Shredded => Entities.Sum(static e => e.Shredded);

    /// <summary>Rows kept, over all entities.</summary>
    public long Kept => Entities.Sum(static e => e.Kept);

    /// <summary>The report as indented UTF-8 JSON; the same report always gives the same bytes.</summary>
    /// <returns>The JSON bytes.</returns>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatId);
            json.WriteNumber("version", CurrentVersion);
            json.WriteString("subject", SubjectId.Value);
            json.WriteString("startedAt", Time(StartedAt));
            json.WriteString("completedAt", Time(CompletedAt));
            json.WriteBoolean("keyShredded", KeyShredded);
            json.WriteBoolean("restricted", Restricted);
            json.WriteBoolean("vacuumed", Vacuumed);
            json.WriteBoolean("scrubbed", Scrubbed);
            json.WriteStartArray("entities");
            foreach (var entity in Entities)
            {
                json.WriteStartObject();
                json.WriteString("entity", entity.Entity);
                json.WriteString("action", entity.Action.ToString());
                json.WriteNumber("deleted", entity.Deleted);
                json.WriteNumber("anonymized", entity.Anonymized);
                json.WriteNumber("shredded", entity.Shredded);
                json.WriteNumber("kept", entity.Kept);
                json.WriteStartArray("reasons");
                foreach (var reason in entity.Reasons)
                {
                    json.WriteStringValue(reason);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON bytes.</param>
    /// <returns>The report.</returns>
    /// <exception cref="DataGuardException">The bytes are not an erasure report of a version this DataGuard reads.</exception>
    public static ErasureReport FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format)
                || format.ValueKind != JsonValueKind.String
                || format.GetString() != FormatId)
            {
                throw new DataGuardException($"The bytes are not a '{FormatId}' document.");
            }

            if (root.GetProperty("version").GetInt32() is var version && version != CurrentVersion)
            {
                throw new DataGuardException($"The erasure report has version {version}; this DataGuard reads version {CurrentVersion}.");
            }

            return new ErasureReport
            {
                SubjectId = new SubjectId(root.GetProperty("subject").GetString()!),
                StartedAt = ParseTime(root.GetProperty("startedAt")),
                CompletedAt = ParseTime(root.GetProperty("completedAt")),
                KeyShredded = root.GetProperty("keyShredded").GetBoolean(),
                Restricted = root.GetProperty("restricted").GetBoolean(),
                Vacuumed = root.GetProperty("vacuumed").GetBoolean(),
                Scrubbed = root.TryGetProperty("scrubbed", out var scrubbed) && scrubbed.GetBoolean(), // absent in reports of earlier versions
                Entities = [.. root.GetProperty("entities").EnumerateArray().Select(static e => new ErasureEntityReport
                {
                    Entity = e.GetProperty("entity").GetString() ?? throw new FormatException("entity is null."),
                    Action = ParseAction(e.GetProperty("action").GetString()),
                    Deleted = e.GetProperty("deleted").GetInt64(),
                    Anonymized = e.GetProperty("anonymized").GetInt64(),
                    Shredded = e.GetProperty("shredded").GetInt64(),
                    Kept = e.GetProperty("kept").GetInt64(),
                    Reasons = [.. e.GetProperty("reasons")
                        .EnumerateArray()
                        .Select(static r => r.GetString() ?? throw new FormatException("A reason is null."))],
                })],
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new DataGuardException("The erasure report is not valid: a field is missing or has the wrong type.", ex);
        }
    }

    /// <summary>Signs <see cref="ToJson"/> as the certificate of erasure: a detached CMS/PKCS#7 signature (SHA-256).</summary>
    /// <param name="certificate">The signing certificate, with its private key.</param>
    /// <returns>The DER-encoded signature; keep it with the JSON bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The certificate has no private key.</exception>
    public byte[] Sign(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return DetachedSignature.Sign(ToJson(), certificate);
    }

    /// <summary>Verifies a signed report and reads it.</summary>
    /// <param name="json">The report's JSON bytes, as signed.</param>
    /// <param name="signature">The detached signature from <see cref="Sign"/>.</param>
    /// <param name="trust">The certificates the signature is accepted from.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trust"/> is null.</exception>
    /// <exception cref="DataGuardException">The signature does not verify against the trust, or the JSON is not a report.</exception>
    public static ErasureReport Verify(ReadOnlySpan<byte> json, ReadOnlySpan<byte> signature, ExportTrust trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        if (trust.Certificates.Count == 0)
        {
            // Without a named certificate anyone's self-signed certificate would "verify" a forged report.
            throw new DataGuardException("Verifying an erasure report needs the certificate it must be signed with (ExportTrust.SignedBy).");
        }

        var (_, problem) = DetachedSignature.Verify(json.ToArray(), signature, trust, "the erasure report");
        return problem is null ? FromJson(json) : throw new DataGuardException(problem);
    }

    /// <summary>An action by name only: numbers (and names of undefined values) are not a report's.</summary>
    private static ErasureAction ParseAction(string? text)
        => text is { Length: > 0 } && char.IsLetter(text[0]) && Enum.TryParse<ErasureAction>(text, ignoreCase: false, out var action) && Enum.IsDefined(action)
            ? action
            : throw new FormatException("action is not an erasure action.");

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(JsonElement value)
        => DateTimeOffset.Parse(
            value.GetString() ?? throw new FormatException("A time is null."),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
