namespace DataGuard.Model;

/// <summary>An entity in the <see cref="DataMap"/>: where it is stored, whose data it is, how long it is kept, and
/// its personal fields.</summary>
/// <param name="Name">The entity's name.</param>
/// <param name="ClrType">The CLR type's full name.</param>
/// <param name="Store">Where rows are stored (for example the table), when known.</param>
/// <param name="Subject">The property holding the data subject's id, if any.</param>
/// <param name="Retention">The retention policy, if any.</param>
/// <param name="Fields">The personal fields.</param>
public sealed record DataMapEntity(string Name, string ClrType, string? Store, string? Subject, DataMapRetention? Retention, IReadOnlyList<DataMapField> Fields);
