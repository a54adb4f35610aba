using System.Text;
using System.Text.Json;
using DataGuard.Subjects.Packages;

namespace DataGuard.Subjects;

/// <summary>
/// A data subject's export package, read back: its manifest, and each entity's rows from <c>data/&lt;Entity&gt;.json</c>
/// and <c>data/&lt;Entity&gt;.csv</c>. Reading checks the package's structure, every checksum and every file against the
/// manifest (not the signature: use <see cref="VerifyAsync"/> with an <see cref="ExportTrust"/> for that). The files are
/// held in memory, within <see cref="ExportPackageLimits"/>.
/// </summary>
/// <remarks>
/// The package is a ZIP file in one fixed layout: entries stored uncompressed (compress the whole package for transport
/// if needed), so that every byte is covered by a checksum and the manifest's SHA-256 and any changed byte is detected.
/// </remarks>
public sealed class SubjectExportPackage
{
    private readonly Dictionary<string, byte[]> _files;

    private SubjectExportPackage(ExportManifest manifest, Dictionary<string, byte[]> files)
    {
        Manifest = manifest;
        _files = files;
    }

    /// <summary>The manifest.</summary>
    public ExportManifest Manifest { get; }

    /// <summary>The paths of every file in the package, manifest and signature included.</summary>
    public IReadOnlyCollection<string> Files => _files.Keys;

    /// <summary>Reads and checks a package.</summary>
    /// <param name="package">The package; read from its current position. A non-seekable stream is buffered.</param>
    /// <param name="limits">Bounds on size and file count; <see cref="ExportPackageLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The package.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> is null.</exception>
    /// <exception cref="SubjectExportException">The bytes are not an intact export package of a version this
    /// DataGuard reads, or exceed a limit; every problem is in the message.</exception>
    public static async Task<SubjectExportPackage> ReadAsync(Stream package, ExportPackageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var result = await PackageVerifier.ExamineAsync(package, ExportTrust.HashesOnly, limits, files, cancellationToken).ConfigureAwait(false);
        return result.IsValid
            ? new SubjectExportPackage(result.Manifest!, files)
            : throw new SubjectExportException("The export package is not intact: " + string.Join(" ", result.Problems));
    }

    /// <summary>
    /// Verifies a package: its structure and checksums, that the manifest lists exactly the files present with their
    /// SHA-256 (so a changed, added or removed file is found), its signature as <paramref name="trust"/> requires, and,
    /// when the trust states them, that it is the expected subject's (<see cref="ExportTrust.ExpectedSubject"/>) and
    /// recent enough (<see cref="ExportTrust.MaxAge"/>). Never throws for bad package bytes: every problem is in the result.
    /// </summary>
    /// <param name="package">The package; read from its current position. A non-seekable stream is buffered.</param>
    /// <param name="trust">Which signatures are accepted, and whether one is required.</param>
    /// <param name="limits">Bounds on size and file count; <see cref="ExportPackageLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ExportTrust.MaxAge"/> is zero or negative.</exception>
    public static Task<ExportVerificationResult> VerifyAsync(
        Stream package,
        ExportTrust trust,
        ExportPackageLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(trust);
        if (trust.MaxAge is { } maxAge)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero, nameof(trust));
        }

        return PackageVerifier.ExamineAsync(package, trust, limits, files: null, cancellationToken);
    }

    /// <summary>The bytes of a file.</summary>
    /// <param name="path">The file's path, for example <c>consents.json</c>.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="KeyNotFoundException">The package has no such file.</exception>
    public ReadOnlyMemory<byte> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _files.TryGetValue(path, out var bytes) ? bytes : throw new KeyNotFoundException($"The package has no file '{path}'.");
    }

    /// <summary>An entity's rows from its JSON file: one object per row, properties named after the entity's
    /// properties, values typed (strings, numbers, booleans, null; dates as ISO 8601 text, bytes as base64).</summary>
    /// <param name="entity">The entity's name as in <see cref="ExportManifest.Entities"/>.</param>
    /// <returns>The rows, in key order.</returns>
    /// <exception cref="KeyNotFoundException">The package has no such entity.</exception>
    /// <exception cref="SubjectExportException">The file is not an array of objects.</exception>
    public IReadOnlyList<JsonElement> ReadRows(string entity)
    {
        var file = Find(entity).Json;
        try
        {
            using var document = JsonDocument.Parse(_files[file]);
            if (document.RootElement.ValueKind != JsonValueKind.Array
                || document.RootElement.EnumerateArray().Any(static r => r.ValueKind != JsonValueKind.Object))
            {
                throw new SubjectExportException($"{file} is not an array of objects.");
            }

            return [.. document.RootElement.EnumerateArray().Select(static r => r.Clone())];
        }
        catch (JsonException ex)
        {
            throw new SubjectExportException($"{file} is not valid JSON.", ex);
        }
    }

    /// <summary>An entity's CSV file as records of fields, the header (property names) first. CSV cannot tell null
    /// from an empty string; the JSON file can.</summary>
    /// <param name="entity">The entity's name as in <see cref="ExportManifest.Entities"/>.</param>
    /// <returns>The records.</returns>
    /// <exception cref="KeyNotFoundException">The package has no such entity.</exception>
    /// <exception cref="SubjectExportException">The file is not RFC 4180 CSV in UTF-8.</exception>
    public IReadOnlyList<IReadOnlyList<string>> ReadCsv(string entity)
    {
        var file = Find(entity).Csv;
        try
        {
            return Csv.Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(_files[file]));
        }
        catch (DecoderFallbackException ex)
        {
            throw new SubjectExportException($"{file} is not UTF-8.", ex);
        }
    }

    private ExportEntity Find(string entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return Manifest.Entities.FirstOrDefault(e => string.Equals(e.Name, entity, StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"The package has no entity '{entity}'.");
    }
}
