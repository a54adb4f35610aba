using System.Data;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.EFCore.Retention;
using DataGuard.Subjects;
using DataGuard.Subjects.Packages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Subjects;

/// <summary>
/// Writes one subject's export package: each entity's rows streamed into its JSON file, keeping a bounded number for the
/// CSV file (or reading them again), inside one snapshot transaction where the database gives one cheaply; then the
/// consent history and the audit trail (<see cref="SubjectExportDocuments"/>), then the manifest.
/// </summary>
internal sealed class SubjectExporter(IServiceProvider services, DbContext context, SubjectRightsOptions settings, TimeProvider time)
{
    /// <summary>Rows of one entity kept in memory between its JSON and CSV files; more are read twice.</summary>
    private const int MaxBufferedRows = 1_000;

    /// <summary>Writes the package of <paramref name="subject"/> (in the model's spelling) to <paramref name="destination"/>.</summary>
    public async Task<ExportSummary> WriteAsync(SubjectId subject, Stream destination, CancellationToken cancellationToken)
    {
        var (targets, schema) = SubjectTarget.ForExport(context.Model);
        await using var package = new SubjectExportWriter(destination, subject, time.GetUtcNow(), schema, settings.SigningCertificate);
        var total = await WriteEntitiesAsync(package, targets, subject, cancellationToken).ConfigureAwait(false);
        if (settings.ExportConsents && services.GetService<IConsentStore>() is { } consents)
        {
            var history = await consents.GetHistoryAsync(subject, cancellationToken).ConfigureAwait(false);
            await package.WriteDocumentAsync(
                "consents.json",
                (json, _) => { SubjectExportDocuments.WriteConsents(json, history); return Task.CompletedTask; },
                cancellationToken).ConfigureAwait(false);
        }

        if (settings.ExportAuditTrail && services.GetService<IAuditStore>() is { } auditStore)
        {
            await package.WriteDocumentAsync(
                "audit.json", (json, ct) => SubjectExportDocuments.WriteAuditAsync(json, auditStore, subject, ct), cancellationToken).ConfigureAwait(false);
        }

        var manifest = await package.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return new ExportSummary(targets.Count, total, manifest.Files.Count + 1);
    }

    private async Task<long> WriteEntitiesAsync(
        SubjectExportWriter package,
        IReadOnlyList<SubjectTarget> targets,
        SubjectId subject,
        CancellationToken cancellationToken)
    {
        long total = 0;
        // One snapshot for every entity where it is cheap (PostgreSQL: REPEATABLE READ takes no locks). On SQLite the only
        // transaction EF Core opens takes the database's write lock for the whole export, so each query reads its own
        // snapshot there; an entity read twice (more rows than the buffer) is checked to give the same count.
        var snapshot = RetentionConnectionScope.IsSqlite(context)
            ? null
            : await context.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using (snapshot)
        {
            foreach (var target in targets)
            {
                var value = SubjectValue.Parse(target.SubjectType, subject.Value);
                total += await package.WriteEntityAsync(
                    target.Name,
                    target.Columns,
                    () => value is null ? AsyncEnumerable.Empty<object?[]>() : target.ExportAsync(context, value),
                    MaxBufferedRows,
                    cancellationToken).ConfigureAwait(false);
            }

            if (snapshot is not null)
            {
                await snapshot.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return total;
    }
}
