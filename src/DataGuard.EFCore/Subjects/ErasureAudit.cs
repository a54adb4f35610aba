using DataGuard.Audit;
using DataGuard.Subjects;
using Microsoft.Extensions.Logging;

namespace DataGuard.EFCore.Subjects;

/// <summary>What an erasure leaves in the log and on the audit trail: one entry per entity it touched, then a summary.
/// Counts and entity names only; recorded after the erasure, so never cancelled with it.</summary>
internal static class ErasureAudit
{
    public static async Task RecordAsync(IAuditTrail audit, ILogger logger, ErasureReport report)
    {
        var entities = report.Entities;
        SubjectRightsLog.LogErased(logger, entities.Count, report.Deleted, report.Anonymized, report.Shredded, report.Kept);
        foreach (var entity in entities.Where(static e => e.Deleted + e.Anonymized + e.Shredded + e.Kept > 0))
        {
            await audit.RecordAsync(
                new AuditEvent(AuditActions.SubjectErased)
                {
                    SubjectId = report.SubjectId,
                    EntityType = entity.Entity,
                    Details = $"{entity.Deleted} deleted, {entity.Anonymized} anonymised, {entity.Shredded} shredded, {entity.Kept} kept",
                },
                CancellationToken.None).ConfigureAwait(false);
        }

        await audit.RecordAsync(
            new AuditEvent(AuditActions.SubjectErased)
            {
                SubjectId = report.SubjectId,
                Details = $"erasure of {entities.Count} entities: {report.Deleted} deleted, {report.Anonymized} anonymised, " +
                    $"{report.Shredded} shredded, {report.Kept} kept{(report.KeyShredded ? "; subject key destroyed" : "")}" +
                    $"{(report.Restricted ? "; processing restricted" : "")}",
            },
            CancellationToken.None).ConfigureAwait(false);
    }
}
