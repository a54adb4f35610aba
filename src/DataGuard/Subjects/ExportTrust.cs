using System.Security.Cryptography.X509Certificates;

namespace DataGuard.Subjects;

/// <summary>What verifying an export package (or a signed erasure report) accepts as a signature.</summary>
public sealed class ExportTrust
{
    /// <summary>Checks the files against the manifest only; a signature, when present, must still verify, but no
    /// certificate is required. Detects damage, not a forger who rewrites the manifest.</summary>
    public static ExportTrust HashesOnly => new();

    /// <summary>Whether <c>manifest.p7s</c> must be present and signed by one of <see cref="Certificates"/>.</summary>
    public bool RequireSignature { get; init; }

    /// <summary>The certificates a signature is accepted from (public keys are enough). Chain trust is the caller's
    /// decision: DataGuard checks that one of these certificates made the signature.</summary>
    public X509Certificate2Collection Certificates { get; init; } = [];

    /// <summary>Requires a signature by the given certificate.</summary>
    /// <param name="certificate">The certificate the package must be signed with.</param>
    /// <returns>The trust.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    public static ExportTrust SignedBy(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new ExportTrust { RequireSignature = true, Certificates = [certificate] };
    }
}
