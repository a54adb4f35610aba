using System.Globalization;
using System.Text.Json;
using DataGuard.Subjects;

namespace DataGuard.Tenants.Lifecycle;

/// <summary>
/// A tenant's handover archive, written by offboarding before anything of the tenant is destroyed when
/// <see cref="TenantOffboardingOptions.HandoverArchiveDirectory"/> is set: the tenant's personal data as its customer gets
/// it back. It is a ZIP file in the export packages' layout (entries stored, every byte under a checksum) holding one
/// subject export package per data subject of the tenant (<c>subjects/000001.zip</c>, …, each a
/// <see cref="SubjectExportPackage"/> with its own signed manifest), <c>handover.json</c> listing the tenant, the time
/// and every package with its subject, length and SHA-256, and <c>handover.p7s</c>, a detached CMS signature of
/// <c>handover.json</c> by the certificate that signs the offboarding report. <see cref="VerifyAsync"/> checks all of it
/// with the certificate's public part; any ZIP tool lists and extracts the packages.
/// </summary>
public sealed class TenantHandoverArchive
{
    /// <summary>The format identifier written into <c>handover.json</c>.</summary>
    public const string FormatId = "dataguard-tenant-handover";

    /// <summary>The format version this DataGuard writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The path of the archive's manifest.</summary>
    public const string ManifestPath = "handover.json";

    /// <summary>The path of the manifest's detached signature.</summary>
    public const string SignaturePath = "handover.p7s";

    internal TenantHandoverArchive()
    {
    }

    /// <summary>The tenant whose data the archive holds.</summary>
    public required string Tenant { get; init; }

    /// <summary>When the archive was written (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The subjects' export packages, in archive order.</summary>
    public required IReadOnlyList<TenantHandoverPackage> Packages { get; init; }

    /// <summary>
    /// Verifies a handover archive and reads its manifest: the archive's ZIP structure and checksums, the signature of
    /// <c>handover.json</c> by one of <paramref name="trust"/>'s certificates, that it lists exactly the packages present
    /// with their length and SHA-256, and that every package is an intact export package of the subject listed for it,
    /// signed by one of the same certificates.
    /// </summary>
    /// <param name="archive">The archive, read from its current position; a non-seekable stream is buffered.</param>
    /// <param name="trust">The certificates the archive must be signed with (<see cref="ExportTrust.SignedBy"/>); the
    /// public part is enough.</param>
    /// <param name="limits">Bounds on the archive's size, its file count and each file's size (a package is held in
    /// memory while it is verified); <see cref="ExportPackageLimits.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The verified archive's manifest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="archive"/> or <paramref name="trust"/> is null.</exception>
    /// <exception cref="DataGuardException">The trust names no certificate, or the archive is not intact (empty,
    /// truncated, changed, too large, another signer, a package missing, added or another subject's); every problem is in
    /// the message, which names paths and limits, never content.</exception>
    public static Task<TenantHandoverArchive> VerifyAsync(
        Stream archive, ExportTrust trust, ExportPackageLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(trust);
        if (trust.Certificates.Count == 0)
        {
            // Without a named certificate anyone's self-signed certificate would "verify" a forged archive.
            throw new DataGuardException("Verifying a handover archive needs the certificate it must be signed with (ExportTrust.SignedBy).");
        }

        return TenantHandoverReader.VerifyAsync(archive, trust, limits ?? ExportPackageLimits.Default, cancellationToken);
    }

    /// <summary>The manifest as UTF-8 JSON; the same archive always gives the same bytes.</summary>
    internal byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatId);
            json.WriteNumber("version", CurrentVersion);
            json.WriteString("tenant", Tenant);
            json.WriteString("createdAt", CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartArray("packages");
            foreach (var package in Packages)
            {
                json.WriteStartObject();
                json.WriteString("subject", package.Subject.Value);
                json.WriteString("path", package.Path);
                json.WriteNumber("length", package.Length);
                json.WriteString("sha256", package.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
