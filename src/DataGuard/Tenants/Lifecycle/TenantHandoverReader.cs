using System.Globalization;
using System.Text.Json;
using DataGuard.Subjects;
using DataGuard.Subjects.Packages;

namespace DataGuard.Tenants.Lifecycle;

/// <summary>Verifies a <see cref="TenantHandoverArchive"/>: the ZIP layout strictly (<see cref="PackageReader"/>), the
/// signature of <c>handover.json</c> before anything in it is believed, then every listed package against its length and
/// SHA-256 and as an export package of its subject. Every problem is collected into one <see cref="DataGuardException"/>.</summary>
internal static class TenantHandoverReader
{
    public static async Task<TenantHandoverArchive> VerifyAsync(
        Stream stream, ExportTrust trust, ExportPackageLimits limits, CancellationToken cancellationToken)
    {
        PackageReader reader;
        byte[] manifest;
        byte[] signature;
        try
        {
            reader = await PackageReader.OpenAsync(stream, limits, cancellationToken).ConfigureAwait(false);
            var manifestEntry = Find(reader, TenantHandoverArchive.ManifestPath);
            var signatureEntry = Find(reader, TenantHandoverArchive.SignaturePath);
            manifest = await reader.ReadAllAsync(manifestEntry, cancellationToken).ConfigureAwait(false);
            signature = await reader.ReadAllAsync(signatureEntry, cancellationToken).ConfigureAwait(false);
        }
        catch (SubjectExportException ex)
        {
            throw Invalid([ex.Message], ex);
        }

        var (_, problem) = DetachedSignature.Verify(manifest, signature, trust, TenantHandoverArchive.ManifestPath);
        if (problem is not null)
        {
            throw Invalid([problem]);
        }

        var archive = Parse(manifest);
        var problems = new List<string>();
        await CheckPackagesAsync(reader, archive, trust, problems, cancellationToken).ConfigureAwait(false);
        return problems.Count == 0 ? archive : throw Invalid(problems);
    }

    private static async Task CheckPackagesAsync(
        PackageReader reader, TenantHandoverArchive archive, ExportTrust trust, List<string> problems, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, PackageReader.Entry>(StringComparer.Ordinal);
        foreach (var entry in reader.Entries.Where(static e => e.Name is not (TenantHandoverArchive.ManifestPath or TenantHandoverArchive.SignaturePath)))
        {
            entries[entry.Name] = entry;
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in archive.Packages)
        {
            if (!listed.Add(package.Path))
            {
                problems.Add($"{package.Path} is listed twice in {TenantHandoverArchive.ManifestPath}.");
            }
            else if (!entries.TryGetValue(package.Path, out var entry))
            {
                problems.Add($"{package.Path} is listed in {TenantHandoverArchive.ManifestPath} but missing from the archive.");
            }
            else
            {
                await CheckPackageAsync(reader, entry, package, trust, problems, cancellationToken).ConfigureAwait(false);
            }
        }

        problems.AddRange(entries.Keys.Where(k => !listed.Contains(k)).Select(static k => $"{k} is in the archive but not in its manifest: it was added."));
    }

    private static async Task CheckPackageAsync(
        PackageReader reader, PackageReader.Entry entry, TenantHandoverPackage package, ExportTrust trust, List<string> problems, CancellationToken token)
    {
        using var copy = new MemoryStream((int)entry.Size);
        try
        {
            var sha256 = await reader.ReadAsync(entry, copy, token).ConfigureAwait(false);
            if (entry.Size != package.Length || !string.Equals(sha256, package.Sha256, StringComparison.Ordinal))
            {
                problems.Add($"{package.Path} does not match its SHA-256 in {TenantHandoverArchive.ManifestPath}: it was changed.");
                return;
            }
        }
        catch (SubjectExportException ex)
        {
            problems.Add(ex.Message);
            return;
        }

        copy.Position = 0;
        var subjectTrust = new ExportTrust { RequireSignature = true, Certificates = trust.Certificates, ExpectedSubject = package.Subject };
        var result = await SubjectExportPackage.VerifyAsync(copy, subjectTrust, cancellationToken: token).ConfigureAwait(false);
        problems.AddRange(result.Problems.Select(p => $"{package.Path}: {p}"));
    }

    private static TenantHandoverArchive Parse(byte[] manifest)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format)
                || format.ValueKind != JsonValueKind.String || format.GetString() != TenantHandoverArchive.FormatId)
            {
                throw new DataGuardException($"{TenantHandoverArchive.ManifestPath} is not a '{TenantHandoverArchive.FormatId}' manifest.");
            }

            if (root.GetProperty("version").GetInt32() is var version && version != TenantHandoverArchive.CurrentVersion)
            {
                throw new DataGuardException(
                    $"The handover archive has version {version}; this DataGuard reads version {TenantHandoverArchive.CurrentVersion}.");
            }

            var tenant = Text(root, "tenant");
            return TenantIds.IsValid(tenant)
                ? new TenantHandoverArchive
                {
                    Tenant = tenant,
                    CreatedAt = DateTimeOffset.Parse(
                        Text(root, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                    Packages = [.. root.GetProperty("packages").EnumerateArray().Select(static p => new TenantHandoverPackage(
                        new SubjectId(Text(p, "subject")), Text(p, "path"), p.GetProperty("length").GetInt64(), Text(p, "sha256")))],
                }
                : throw new FormatException("tenant is not a tenant id.");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new DataGuardException($"{TenantHandoverArchive.ManifestPath} is not valid: a field is missing or has the wrong type.", ex);
        }
    }

    private static PackageReader.Entry Find(PackageReader reader, string path)
        => reader.Entries.FirstOrDefault(e => e.Name == path)
           ?? throw new SubjectExportException($"The archive has no {path}: it is not a handover archive.");

    private static string Text(JsonElement element, string name)
        => element.GetProperty(name) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new FormatException($"'{name}' is not a string.");

    private static DataGuardException Invalid(IEnumerable<string> problems, Exception? inner = null)
        => new("The handover archive is not intact: " + string.Join(" ", problems), inner);
}
