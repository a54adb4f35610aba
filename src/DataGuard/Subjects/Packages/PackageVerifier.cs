namespace DataGuard.Subjects.Packages;

/// <summary>
/// Verifies a package: its ZIP structure and checksums (<see cref="PackageReader"/>), that the manifest lists exactly the
/// files present with their SHA-256, the signature as the trust requires, and whose and how recent the package is when
/// the trust says. Every problem is collected; nothing here throws for bad package bytes.
/// </summary>
internal sealed class PackageVerifier
{
    /// <summary>How far a package's creation time may lie ahead of the verifier's clock (clocks of two hosts differ).</summary>
    private static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(1);

    private readonly PackageReader _reader;
    private readonly ExportTrust _trust;
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, (long Length, string Sha256)> _hashes = new(StringComparer.Ordinal);
    private byte[]? _manifestBytes;
    private byte[]? _signature;

    private PackageVerifier(PackageReader reader, ExportTrust trust)
    {
        _reader = reader;
        _trust = trust;
    }

    /// <summary>Reads and verifies <paramref name="package"/>, copying every file into <paramref name="files"/> when given.</summary>
    public static async Task<ExportVerificationResult> ExamineAsync(
        Stream package,
        ExportTrust trust,
        ExportPackageLimits? limits,
        Dictionary<string, byte[]>? files,
        CancellationToken cancellationToken)
    {
        limits ??= ExportPackageLimits.Default;
        PackageReader reader;
        try
        {
            reader = await PackageReader.OpenAsync(package, limits, cancellationToken).ConfigureAwait(false);
        }
        catch (SubjectExportException ex)
        {
            return new ExportVerificationResult { Problems = [ex.Message] };
        }

        var verifier = new PackageVerifier(reader, trust);
        await verifier.ReadEntriesAsync(files, cancellationToken).ConfigureAwait(false);
        return verifier.Verify();
    }

    /// <summary>Reads every entry (checking its ZIP checksum) for its SHA-256, keeping the manifest and the signature.</summary>
    private async Task ReadEntriesAsync(Dictionary<string, byte[]>? files, CancellationToken cancellationToken)
    {
        foreach (var entry in _reader.Entries)
        {
            try
            {
                var copy = files is not null || entry.Name is ExportManifest.Path or ExportManifest.SignaturePath ? new MemoryStream((int)entry.Size) : null;
                _hashes[entry.Name] = (entry.Size, await _reader.ReadAsync(entry, copy, cancellationToken).ConfigureAwait(false));
                if (copy is not null)
                {
                    var bytes = copy.ToArray();
                    files?.Add(entry.Name, bytes);
                    _manifestBytes = entry.Name == ExportManifest.Path ? bytes : _manifestBytes;
                    _signature = entry.Name == ExportManifest.SignaturePath ? bytes : _signature;
                }
            }
            catch (SubjectExportException ex)
            {
                _problems.Add(ex.Message);
            }
        }
    }

    private ExportVerificationResult Verify()
    {
        if (_manifestBytes is not { } manifestBytes)
        {
            _problems.Add(_hashes.ContainsKey(ExportManifest.Path) || _problems.Count > 0
                ? "manifest.json cannot be read."
                : "The package has no manifest.json.");
            return new ExportVerificationResult { Problems = _problems };
        }

        ExportManifest manifest;
        try
        {
            manifest = ExportManifest.Parse(manifestBytes);
        }
        catch (SubjectExportException ex)
        {
            _problems.Add(ex.Message);
            return new ExportVerificationResult { Problems = _problems };
        }

        CheckFiles(manifest);
        var signer = CheckSignature(manifestBytes);

        // An intact, even signed, package proves what was exported for whom and when, not that it answers this question:
        // another subject's package, or last year's, verifies as well unless the caller says whose and how recent.
        var otherSubject = _trust.ExpectedSubject is { } expected && !string.Equals(expected.Value, manifest.Subject.Value, StringComparison.Ordinal);
        if (otherSubject)
        {
            _problems.Add("The package is another subject's than the expected one (ExportTrust.ExpectedSubject).");
        }

        var stale = CheckAge(manifest);

        // Without a named certificate a signature only proves that somebody signed: anyone can make a self-signed one, so
        // the package is not reported as signed then.
        var trusted = _trust.Certificates.Count > 0 ? signer : null;
        return new ExportVerificationResult
        {
            Problems = _problems,
            Manifest = manifest,
            IsSigned = trusted is not null,
            SignerThumbprint = trusted,
            IsOtherSubject = otherSubject,
            IsStale = stale,
        };
    }

    /// <summary>Every listed file present with its SHA-256, no file unlisted, both files of every entity listed.</summary>
    private void CheckFiles(ExportManifest manifest)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            listed.Add(file.Path);
            if (!_hashes.TryGetValue(file.Path, out var actual))
            {
                _problems.Add(_reader.Entries.Any(e => e.Name == file.Path)
                    ? $"{file.Path} cannot be read."
                    : $"{file.Path} is listed in the manifest but missing from the package.");
            }
            else if (actual.Length != file.Length || !string.Equals(actual.Sha256, file.Sha256, StringComparison.Ordinal))
            {
                _problems.Add($"{file.Path} does not match its SHA-256 in the manifest: it was changed.");
            }
        }

        foreach (var entry in _reader.Entries)
        {
            if (entry.Name is not (ExportManifest.Path or ExportManifest.SignaturePath) && !listed.Contains(entry.Name))
            {
                _problems.Add($"{entry.Name} is in the package but not in the manifest: it was added.");
            }
        }

        foreach (var entity in manifest.Entities)
        {
            if (!listed.Contains(entity.Json) || !listed.Contains(entity.Csv))
            {
                _problems.Add($"The manifest lists entity {entity.Name} without both of its files.");
            }
        }
    }

    /// <summary>The signer's thumbprint when the signature verifies against the trust; a problem when it does not, or
    /// when the trust requires a signature and there is none.</summary>
    private string? CheckSignature(byte[] manifestBytes)
    {
        if (_signature is not null)
        {
            var (signer, problem) = DetachedSignature.Verify(manifestBytes, _signature, _trust, "manifest.json");
            if (problem is not null)
            {
                _problems.Add(problem);
            }

            return signer;
        }

        if (_trust.RequireSignature)
        {
            _problems.Add(_hashes.ContainsKey(ExportManifest.SignaturePath)
                ? "manifest.p7s cannot be read."
                : "The package is not signed (no manifest.p7s), but the trust requires a signature.");
        }

        return null;
    }

    /// <summary>Whether the package is older than <see cref="ExportTrust.MaxAge"/> or dated in the future.</summary>
    private bool CheckAge(ExportManifest manifest)
    {
        if (_trust.MaxAge is not { } maxAge)
        {
            return false;
        }

        var age = (_trust.TimeProvider ?? TimeProvider.System).GetUtcNow() - manifest.CreatedAt;
        if (age > maxAge)
        {
            _problems.Add($"The package was created {age.TotalDays:0.#} days ago, more than ExportTrust.MaxAge allows ({maxAge.TotalDays:0.#} days).");
            return true;
        }

        if (age < -FutureSkew)
        {
            _problems.Add("The package is dated in the future.");
            return true;
        }

        return false;
    }
}
