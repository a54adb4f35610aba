using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Audit;

/// <summary>Reads the subjects the database generated during the save: a subject property of the entity itself, or
/// one at the end of its subject path (tracked now, or else read by key).</summary>
internal static class AuditSubjectsAfterSave
{
    public static async ValueTask ResolveAsync(DbContext context, List<PendingAuditChange> changes, AuditDbCalls calls, CancellationToken cancellationToken)
    {
        List<(PendingAuditChange, AuditSubjectPathStep)>? lookups = null;
        foreach (var change in changes)
        {
            if (!change.SubjectAfterSave || change.SubjectSource is not { } source || change.SubjectEntry is not { } entry)
            {
                continue;
            }

            if (source.Path is not { } path)
            {
                change.Subject = source.Subject(entry);
                continue;
            }

            var step = path.Walk(entry);
            change.Subject = step.Subject;
            if (step.Kind == AuditSubjectPathKind.Lookup)
            {
                (lookups ??= []).Add((change, step));
            }
        }

        if (lookups is not null)
        {
            await AuditSubjectPathResolver.ResolveAsync(context, lookups, calls, cancellationToken).ConfigureAwait(false);
        }
    }
}
