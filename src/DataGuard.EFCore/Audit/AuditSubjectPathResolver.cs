using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Audit;

/// <summary>Fills in the subjects of changes whose subject path leads to principals that are not tracked: the keys are
/// grouped by path and step, and each group is read with one query per batch of keys.</summary>
internal static class AuditSubjectPathResolver
{
    public static async ValueTask ResolveAsync(
        DbContext context,
        List<(PendingAuditChange Change, AuditSubjectPathStep Step)> pending,
        AuditDbCalls calls,
        CancellationToken cancellationToken)
    {
        foreach (var group in pending.GroupBy(p => (p.Step.Path!, p.Step.Step)))
        {
            var keys = group.Select(p => p.Step.Key!).Distinct().ToList();
            var found = await group.Key.Item1.LookupAt(group.Key.Item2).LookupAsync(context, keys, calls, cancellationToken).ConfigureAwait(false);
            foreach (var (change, step) in group)
            {
                change.Subject = found.GetValueOrDefault(step.Key!);
            }
        }
    }
}
