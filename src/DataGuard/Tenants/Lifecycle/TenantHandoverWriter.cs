using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using DataGuard.Subjects;
using DataGuard.Subjects.Packages;

namespace DataGuard.Tenants.Lifecycle;

/// <summary>Writes a <see cref="TenantHandoverArchive"/> front to back on a destination stream: each subject's export
/// package as one entry (written by the caller into the stream <see cref="BeginPackageAsync"/> returns), then
/// <c>handover.json</c> and its signature. Entry names are numbers, so no subject id appears outside the signed
/// manifest and the packages.</summary>
internal sealed class TenantHandoverWriter(Stream destination, string tenant, DateTimeOffset createdAt) : IAsyncDisposable
{
    public const string PackageFolder = "subjects/";

    private readonly PackageWriter _zip = new(destination);
    private readonly List<TenantHandoverPackage> _packages = [];
    private SubjectId? _open;

    /// <summary>Starts the package of <paramref name="subject"/>; write it into the returned stream (asynchronously).</summary>
    public async Task<Stream> BeginPackageAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"{PackageFolder}{_packages.Count + 1:D6}.zip");
        var entry = await _zip.BeginEntryAsync(path, cancellationToken).ConfigureAwait(false);
        _open = subject;
        return entry;
    }

    public async Task EndPackageAsync(CancellationToken cancellationToken)
    {
        var subject = _open ?? throw new InvalidOperationException("No package is open.");
        var file = await _zip.EndEntryAsync(cancellationToken).ConfigureAwait(false);
        _packages.Add(new TenantHandoverPackage(subject, file.Path, file.Length, file.Sha256));
        _open = null;
    }

    /// <summary>Writes the manifest, its signature and the ZIP directory.</summary>
    public async Task<TenantHandoverArchive> CompleteAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var archive = new TenantHandoverArchive { Tenant = tenant, CreatedAt = createdAt, Packages = _packages };
        var manifest = archive.ToJson();
        await _zip.WriteEntryAsync(TenantHandoverArchive.ManifestPath, manifest, cancellationToken).ConfigureAwait(false);
        var signature = DetachedSignature.Sign(manifest, certificate);
        await _zip.WriteEntryAsync(TenantHandoverArchive.SignaturePath, signature, cancellationToken).ConfigureAwait(false);
        await _zip.FinishAsync(cancellationToken).ConfigureAwait(false);
        return archive;
    }

    public ValueTask DisposeAsync() => _zip.DisposeAsync();
}
