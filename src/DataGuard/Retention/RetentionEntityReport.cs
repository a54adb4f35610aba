using DataGuard.Model;

namespace DataGuard.Retention;

/// <summary>What a retention run did (or, in a dry run, would do) to one entity.</summary>
public sealed class RetentionEntityReport
{
    /// <summary>The entity's name, as in <see cref="PersonalEntityDescriptor.Name"/>.</summary>
    public required string Entity { get; init; }

    /// <summary>The policy that was applied.</summary>
    public required RetentionPolicy Policy { get; init; }

    /// <summary>Rows whose date property is earlier than this were past their period; a row exactly at it is kept.</summary>
    public required DateTimeOffset DueBefore { get; init; }

    /// <summary>Rows past their period when the run looked, held ones included.</summary>
    public long Due { get; init; }

    /// <summary>Rows deleted; in a dry run, rows that would be deleted. Includes <see cref="PurgedByCascade"/>.</summary>
    public long Purged { get; init; }

    /// <summary>Of <see cref="Purged"/>, the rows the database deleted by cascade when retention deleted their principals
    /// (counted before each batch; an entity without a policy of its own appears in the report for them).</summary>
    public long PurgedByCascade { get; init; }

    /// <summary>Rows anonymised; in a dry run, rows that would be anonymised. Besides the rows an anonymising policy
    /// chose, these are due rows of a shredding policy without a subject (no key to destroy), and rows whose subject
    /// column a principal's delete sets to null while they hold values encrypted under that subject's key (see
    /// <see cref="Reasons"/>).</summary>
    public long Anonymized { get; init; }

    /// <summary>Rows made unreadable by crypto-shredding their subjects (<see cref="RetentionAction.Shred"/>); in a dry run,
    /// rows that would be. Rows whose subject was shredded by an earlier run are due but not counted again.</summary>
    public long Shredded { get; init; }

    /// <summary>Data subjects whose keys were destroyed (<see cref="RetentionAction.Shred"/>); in a dry run, that would be.</summary>
    public long SubjectsShredded { get; init; }

    /// <summary>Rows past their period but kept because a legal hold covers their subject or the entity, because a
    /// retention minimum still keeps their subject (shredding), or because deleting them would cascade to rows that a
    /// legal hold or a retention minimum keeps (see <see cref="Reasons"/>).</summary>
    public long Held { get; init; }

    /// <summary>Whether this instance left the entity alone because another instance held its lease and is working it.</summary>
    public bool Skipped { get; init; }

    /// <summary>Why rows were kept, or changed other than by the entity's own policy (a cascade from a principal, rows
    /// without a subject under a shredding policy); no personal data.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>What went wrong, without personal data; empty when nothing did.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
