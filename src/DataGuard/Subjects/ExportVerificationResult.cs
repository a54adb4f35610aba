namespace DataGuard.Subjects;

/// <summary>The outcome of verifying an export package: whether it is intact (and signed as required), and if not,
/// every problem found.</summary>
public sealed class ExportVerificationResult
{
    /// <summary>Whether the package is intact and its signature satisfies the trust.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>What is wrong, one line per problem (file names and limits, never content).</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>The manifest, when it could be read.</summary>
    public ExportManifest? Manifest { get; init; }

    /// <summary>Whether the package carries a signature that verifies against one of the trust's certificates (with
    /// <see cref="ExportTrust.HashesOnly"/> it is always <see langword="false"/>: anyone can sign with a certificate of
    /// their own making).</summary>
    public bool IsSigned { get; init; }

    /// <summary>Whether the manifest names another subject than <see cref="ExportTrust.ExpectedSubject"/>: an intact
    /// package, but not the one asked for.</summary>
    public bool IsOtherSubject { get; init; }

    /// <summary>Whether the package falls outside <see cref="ExportTrust.MaxAge"/>: created longer ago than that, or
    /// dated in the future.</summary>
    public bool IsStale { get; init; }

    /// <summary>The thumbprint of the trusted certificate that signed the manifest, when <see cref="IsSigned"/>.</summary>
    public string? SignerThumbprint { get; init; }
}
