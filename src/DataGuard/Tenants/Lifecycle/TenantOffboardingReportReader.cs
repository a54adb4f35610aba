using System.Globalization;
using System.Text.Json;

namespace DataGuard.Tenants.Lifecycle;

/// <summary>Reads <see cref="TenantOffboardingReport.ToJson"/>: every field required and of its type, nothing else
/// trusted. Bad bytes (empty, truncated, changed, too deep or too large) fail with one <see cref="DataGuardException"/>.</summary>
internal static class TenantOffboardingReportReader
{
    public static TenantOffboardingReport Read(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty || json.Length > TenantOffboardingReport.MaxSize)
        {
            throw new DataGuardException($"The offboarding report is empty or larger than {TenantOffboardingReport.MaxSize} bytes.");
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format)
                || format.ValueKind != JsonValueKind.String
                || format.GetString() != TenantOffboardingReport.FormatId)
            {
                throw new DataGuardException($"The bytes are not a '{TenantOffboardingReport.FormatId}' document.");
            }

            if (root.GetProperty("version").GetInt32() is var version && version != TenantOffboardingReport.CurrentVersion)
            {
                throw new DataGuardException(
                    $"The offboarding report has version {version}; this DataGuard reads version {TenantOffboardingReport.CurrentVersion}.");
            }

            var tenant = root.GetProperty("tenant").GetString() ?? throw new FormatException("tenant is null.");
            if (!TenantIds.IsValid(tenant))
            {
                throw new FormatException("tenant is not a tenant id.");
            }

            return new TenantOffboardingReport
            {
                Tenant = tenant,
                ContractEndedAt = ParseTime(root.GetProperty("contractEndedAt")),
                DueAt = ParseTime(root.GetProperty("dueAt")),
                StartedAt = ParseTime(root.GetProperty("startedAt")),
                CompletedAt = ParseTime(root.GetProperty("completedAt")),
                Rows = ParseRows(root.GetProperty("rows").GetString()),
                Entities = Counts(root.GetProperty("entities")),
                StoreRecords = Counts(root.GetProperty("storeRecords")),
                ShreddedKeyEncryptionKeyIds = [.. root.GetProperty("shreddedKeyEncryptionKeys").EnumerateArray().Select(static e => e.GetInt32())],
                Kept = [.. root.GetProperty("kept").EnumerateArray().Select(static e => e.GetString() ?? throw new FormatException("kept is null."))],
                Vacuumed = root.GetProperty("vacuumed").GetBoolean(),
                Scrubbed = root.GetProperty("scrubbed").GetBoolean(),
                HandoverArchive = Archive(root),
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new DataGuardException("The offboarding report is not valid: it is truncated, or a field is missing or has the wrong type.", ex);
        }
    }

    private static List<TenantOffboardingCount> Counts(JsonElement array)
        => [.. array.EnumerateArray().Select(static e => new TenantOffboardingCount(
            e.GetProperty("name").GetString() ?? throw new FormatException("name is null."),
            e.GetProperty("rows").GetInt64() is >= 0 and var rows ? rows : throw new FormatException("rows is negative.")))];

    /// <summary>The handover archive: absent (a report written before archives existed) or null for none.</summary>
    private static Subjects.ExportFile? Archive(JsonElement root)
    {
        if (!root.TryGetProperty("handoverArchive", out var archive) || archive.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var sha256 = archive.GetProperty("sha256").GetString() ?? throw new FormatException("sha256 is null.");
        return sha256.Length == 64 && sha256.All(static c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c))
            ? new Subjects.ExportFile(
                archive.GetProperty("file").GetString() ?? throw new FormatException("file is null."),
                archive.GetProperty("length").GetInt64() is >= 0 and var length ? length : throw new FormatException("length is negative."),
                sha256)
            : throw new FormatException("sha256 is not a SHA-256.");
    }

    /// <summary>A disposal by name only: numbers (and names of undefined values) are not a report's.</summary>
    private static TenantRowDisposal ParseRows(string? text)
        => text is { Length: > 0 } && char.IsLetter(text[0]) && Enum.TryParse<TenantRowDisposal>(text, ignoreCase: false, out var rows) && Enum.IsDefined(rows)
            ? rows
            : throw new FormatException("rows is not a row disposal.");

    private static DateTimeOffset ParseTime(JsonElement value)
        => DateTimeOffset.Parse(
            value.GetString() ?? throw new FormatException("A time is null."),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
