namespace DataGuard.Model;

/// <summary>
/// Declares how long rows of a type may be kept (GDPR Art. 5(1)(e), storage limitation) and what happens when
/// the period ends.
/// </summary>
/// <example><code>[Retain(Days = 730, From = nameof(CreatedAt), Then = RetentionAction.Anonymize)]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RetainAttribute : Attribute
{
    /// <summary>The retention period in days; must be positive.</summary>
    public int Days { get; set; }

    /// <summary>The name of the date property (DateTime, DateTimeOffset or DateOnly) the period counts from.</summary>
    public string? From { get; set; }

    /// <summary>What happens to a row once its period has ended. Defaults to <see cref="RetentionAction.Delete"/>.</summary>
    public RetentionAction Then { get; set; } = RetentionAction.Delete;

    /// <summary>
    /// The law or contract that requires keeping the rows for at least <see cref="Days"/> (for example
    /// "Tax records: 10 years"). When set, the period is a minimum as well as a maximum: an erasure request
    /// keeps the rows, restricted, until it ends, and says why in its report.
    /// </summary>
    public string? LegalRequirement { get; set; }
}
