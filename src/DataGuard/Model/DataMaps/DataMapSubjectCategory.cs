namespace DataGuard.Model.DataMaps;

/// <summary>A category of data subjects in the <see cref="DataMap"/> (Art. 30(1)(c)).</summary>
/// <param name="Name">The category's name.</param>
/// <param name="Description">Who belongs to it.</param>
/// <param name="Entities">The entities holding its data.</param>
public sealed record DataMapSubjectCategory(string Name, string? Description, IReadOnlyList<string> Entities);
