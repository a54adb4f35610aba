namespace DataGuard.Model.DataMaps;

/// <summary>An entity's retention in the <see cref="DataMap"/> (GDPR Art. 30(1)(f)).</summary>
/// <param name="Days">The retention period in days.</param>
/// <param name="From">The date property the period counts from.</param>
/// <param name="Then">What happens when the period ends.</param>
/// <param name="LegalRequirement">The law or contract that makes the period a minimum, if any.</param>
public sealed record DataMapRetention(int Days, string From, RetentionAction Then, string? LegalRequirement);
