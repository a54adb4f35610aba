using System.Globalization;
using System.Security.Cryptography;
using DataGuard.EFCore.Subjects;
using DataGuard.Subjects;
using DataGuard.Tenants.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Tenants;

/// <summary>
/// Writes a tenant's handover archive (<see cref="TenantHandoverArchive"/>) inside its scope, before offboarding destroys
/// anything: every data subject of the tenant found in the model's subject entities, each exported as
/// <see cref="ISubjectRightsService.ExportAsync"/> would (decrypted, signed), into <c>….handover.zip.partial</c>; then the
/// file is flushed to disk, read back and verified with the signing certificate, and only then renamed to its final name.
/// Any failure deletes the partial file (it holds personal data in clear) and throws
/// <see cref="TenantOffboardingException"/>, so offboarding stops with nothing changed.
/// </summary>
internal sealed class TenantHandoverExport(IServiceProvider services, DbContext context, SubjectRightsOptions settings, TimeProvider time)
{
    /// <summary>What the verification reads back: up to 4 GiB (the most a package holds without ZIP64) and 65,535 files.</summary>
    private static readonly ExportPackageLimits Limits = new() { MaxPackageBytes = uint.MaxValue, MaxFiles = ushort.MaxValue };

    public async Task<ExportFile> WriteAsync(string tenant, string directory, ILogger logger, CancellationToken cancellationToken)
    {
        var createdAt = time.GetUtcNow();
        var name = string.Create(CultureInfo.InvariantCulture, $"{tenant}.{createdAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.handover.zip");
        var path = Path.Combine(directory, name);
        var partial = path + ".partial";
        var done = false;
        try
        {
            ExportFile file;
            int subjects;
            await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                subjects = await WritePackagesAsync(stream, tenant, createdAt, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
                file = await VerifyAsync(stream, name, tenant, subjects, cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, path);
            done = true;
            TenantOffboardingLog.HandoverWritten(logger, tenant, name, subjects, file.Length, file.Sha256);
            return file;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TenantOffboardingLog.HandoverFailed(logger, tenant, ex);
            throw new TenantOffboardingException(tenant, $"Writing the handover archive of tenant '{tenant}' failed ({ex.GetType().Name}): nothing was " +
                "deleted or shredded. Fix the cause (see the inner exception and event 1956), then plan and offboard again.", ex);
        }
        finally
        {
            if (!done)
            {
                File.Delete(partial); // no partial archive of personal data stays behind
            }

            context.ChangeTracker.Clear();
        }
    }

    /// <summary>Every subject's package, in the order of their ids; the number of subjects.</summary>
    private async Task<int> WritePackagesAsync(Stream stream, string tenant, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var subjects = await SubjectsAsync(cancellationToken).ConfigureAwait(false);
        await using var archive = new TenantHandoverWriter(stream, tenant, createdAt);
        foreach (var subject in subjects)
        {
            var package = await archive.BeginPackageAsync(subject, cancellationToken).ConfigureAwait(false);
            await new SubjectExporter(services, context, settings, time).WriteAsync(subject, package, cancellationToken).ConfigureAwait(false);
            await archive.EndPackageAsync(cancellationToken).ConfigureAwait(false);
            context.ChangeTracker.Clear();
        }

        await archive.CompleteAsync(settings.SigningCertificate!, cancellationToken).ConfigureAwait(false);
        return subjects.Count;
    }

    /// <summary>The tenant's data subjects: the distinct subject values of every entity a subject reaches, in the
    /// tenant's rows only (the scope's filter), whatever the application's query filters hide.</summary>
    private async Task<List<SubjectId>> SubjectsAsync(CancellationToken cancellationToken)
    {
        var subjects = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var target in SubjectTarget.ForExport(context.Model).Targets)
        {
            foreach (var value in await target.SubjectsAsync(context, cancellationToken).ConfigureAwait(false))
            {
                subjects.Add(SubjectId.From(value).Value);
            }
        }

        return [.. subjects.Select(static s => new SubjectId(s))];
    }

    /// <summary>Reads the archive back as its customer would and checks it is the tenant's, with every package.</summary>
    private async Task<ExportFile> VerifyAsync(FileStream stream, string name, string tenant, int subjects, CancellationToken cancellationToken)
    {
        stream.Position = 0;
        var archive = await TenantHandoverArchive.VerifyAsync(stream, ExportTrust.SignedBy(settings.SigningCertificate!), Limits, cancellationToken)
            .ConfigureAwait(false);
        if (!string.Equals(archive.Tenant, tenant, StringComparison.Ordinal) || archive.Packages.Count != subjects)
        {
            throw new DataGuardException("The handover archive read back does not hold the tenant's packages.");
        }

        stream.Position = 0;
        var sha256 = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new ExportFile(name, stream.Length, Convert.ToHexStringLower(sha256));
    }
}
