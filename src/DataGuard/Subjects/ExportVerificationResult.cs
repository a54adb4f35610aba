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

    /// <summary>Whether the package carries a signature that verifies.</summary>
    public bool IsSigned { get; init; }

    /// <summary>The thumbprint of the certificate that signed the manifest, when the signature verifies.</summary>
    public string? SignerThumbprint { get; init; }
}
