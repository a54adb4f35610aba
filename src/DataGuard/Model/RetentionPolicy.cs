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
}
