namespace DataGuard.Model.DataMaps;

/// <summary>The time limits for erasure of one category of personal data in the <see cref="DataMap"/> (Art. 30(1)(f)):
/// one line per entity holding fields of the category.</summary>
/// <param name="Category">The category of personal data.</param>
/// <param name="Limits">Per entity, how long its rows are kept ("Customer: 730 days from CreatedAt, then delete", or
/// "Customer: not declared").</param>
public sealed record DataMapCategoryRetention(PersonalCategory Category, IReadOnlyList<string> Limits);
