using DataGuard.Model;
using DataGuard.Retention;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Retention;

/// <summary>What one retention run has done so far beyond each entity's own policy: rows of other entity types its
/// deletes cascaded to or anonymised (added to their entries at the end), and the subjects it shredded (so a second
/// shredding policy meeting them clears and counts their rows too, and the dry run counts as the real run).</summary>
internal sealed class RetentionRunState(bool dryRun)
{
    private readonly Dictionary<IEntityType, Extra> _extras = [];

    public bool DryRun => dryRun;

    /// <summary>Whether the run has more than one shredding policy, so that <see cref="Shredded"/> is kept.</summary>
    public bool TrackShredded { get; init; }

    /// <summary>The subjects a shredding policy of this run shredded (in a dry run, would have), kept only while another
    /// shredding policy may meet them (<see cref="TrackShredded"/>): one string per such subject.</summary>
    public HashSet<string> Shredded { get; } = new(StringComparer.Ordinal);

    public void Add(IReadOnlyList<DependentEffect> effects, RetentionTarget from, RetentionPolicy policy, DateTimeOffset dueBefore, RetentionPlan plan)
    {
        foreach (var effect in effects)
        {
            if (!_extras.TryGetValue(effect.Entity, out var extra))
            {
                _extras[effect.Entity] = extra = new Extra(plan.Name(effect.Entity), policy, dueBefore);
            }

            if (effect.Deleted)
            {
                extra.Purged += effect.Rows;
            }
            else
            {
                extra.Anonymized += effect.Rows;
            }

            extra.Count(from.Name, plan.Name(effect.Principal), effect.Deleted, effect.Rows);
        }
    }

    /// <summary>The entity reports with what other steps did to their rows, then one report per entity type without a
    /// policy that the run reached.</summary>
    public List<RetentionEntityReport> Merge(List<RetentionEntityReport> entities)
    {
        var merged = new List<RetentionEntityReport>(entities.Count + _extras.Count);
        var reached = _extras.ToDictionary(static e => e.Value.Name, static e => e.Value, StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            if (!reached.Remove(entity.Entity, out var extra))
            {
                merged.Add(entity);
                continue;
            }

            merged.Add(new RetentionEntityReport
            {
                Entity = entity.Entity, Policy = entity.Policy, DueBefore = entity.DueBefore, Due = entity.Due, Held = entity.Held,
                Purged = entity.Purged + extra.Purged, PurgedByCascade = extra.Purged, Anonymized = entity.Anonymized + extra.Anonymized,
                Shredded = entity.Shredded, SubjectsShredded = entity.SubjectsShredded, Skipped = entity.Skipped,
                Errors = entity.Errors, Reasons = [.. entity.Reasons, .. extra.Reasons],
            });
        }

        foreach (var extra in reached.Values)
        {
            merged.Add(new RetentionEntityReport
            {
                Entity = extra.Name, Policy = extra.Policy, DueBefore = extra.DueBefore,
                Purged = extra.Purged, PurgedByCascade = extra.Purged, Anonymized = extra.Anonymized, Reasons = extra.Reasons,
            });
        }

        return merged;
    }

    private sealed class Extra(string name, RetentionPolicy policy, DateTimeOffset dueBefore)
    {
        private readonly Dictionary<(string From, string Principal, bool Deleted), long> _counts = [];

        public string Name => name;

        /// <summary>The policy of the first step that reached the entity (an entity without a policy of its own reports it).</summary>
        public RetentionPolicy Policy => policy;

        public DateTimeOffset DueBefore => dueBefore;

        public long Purged { get; set; }

        public long Anonymized { get; set; }

        public List<string> Reasons => [.. _counts.Select(static c => c.Key.Deleted
            ? $"{c.Value} rows deleted by the database's cascade from {c.Key.Principal} (retention of {c.Key.From})"
            : $"{c.Value} rows anonymised because deleting {c.Key.Principal} (retention of {c.Key.From}) sets their subject column to null while they hold " +
                "values encrypted under the subject's key")];

        public void Count(string from, string principal, bool deleted, long rows)
            => _counts[(from, principal, deleted)] = _counts.GetValueOrDefault((from, principal, deleted)) + rows;
    }
}
