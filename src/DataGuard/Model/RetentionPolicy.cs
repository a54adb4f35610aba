namespace DataGuard.Model;

/// <summary>How long rows of an entity may be kept and what happens then, from <see cref="RetainAttribute"/> or the fluent API.</summary>
public sealed class RetentionPolicy
{
    internal RetentionPolicy(int days, string from, RetentionAction then, string? legalRequirement)
    {
        Days = days;
        From = from;
        Then = then;
        LegalRequirement = legalRequirement;
    }

    /// <summary>The same policy with another period (a configured override).</summary>
    internal RetentionPolicy WithDays(int days) => new(days, From, Then, LegalRequirement);

    /// <summary>The retention period in days.</summary>
    public int Days { get; }

    /// <summary>The retention period.</summary>
    public TimeSpan Period => TimeSpan.FromDays(Days);

    /// <summary>The date property the period counts from.</summary>
    public string From { get; }

    /// <summary>What happens to a row once its period has ended.</summary>
    public RetentionAction Then { get; }

    /// <summary>The law or contract that makes the period a minimum, or <see langword="null"/> when it is only a maximum.</summary>
    public string? LegalRequirement { get; }

    /// <summary>Whether erasure requests must keep the rows until the period ends.</summary>
    public bool IsMinimum => LegalRequirement is not null;

    /// <summary>
    /// The instant before which a row's <see cref="From"/> date puts it past its period at <paramref name="now"/>:
    /// a row dated exactly at the result is kept, one tick earlier is due. Retention purges such rows; for a
    /// <see cref="IsMinimum"/> policy, rows dated at or after it must be kept (erasure restricts them instead).
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <returns><paramref name="now"/> minus <see cref="Period"/>.</returns>
    public DateTimeOffset DueBefore(DateTimeOffset now) => now - Period;
}
