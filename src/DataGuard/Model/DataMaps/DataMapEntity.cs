using DataGuard.Purposes;

namespace DataGuard.Model.DataMaps;

/// <summary>An entity in the <see cref="DataMap"/>: where it is stored, whose data it is, how long it is kept, and
/// its personal fields.</summary>
/// <param name="Name">The entity's name.</param>
/// <param name="ClrType">The CLR type's full name.</param>
/// <param name="Store">Where rows are stored (for example the table), when known.</param>
/// <param name="Subject">The property holding the data subject's id, if any.</param>
/// <param name="Retention">The retention policy, if any.</param>
/// <param name="Fields">The personal fields.</param>
/// <param name="SubjectPath">The navigation path to another entity's subject property, for entities without a subject
/// property of their own (for example <c>Order.CustomerId</c>).</param>
/// <param name="Unreachable">Whether the entity holds personal fields that no data subject reaches (neither a subject
/// property nor a subject path): export and erasure cannot find these rows, which a review should resolve.</param>
/// <param name="AllowedPurposes">The purposes the entity's <see cref="AllowedPurposesAttribute"/> lists, or null when it
/// lists none.</param>
public sealed record DataMapEntity(
    string Name,
    string ClrType,
    string? Store,
    string? Subject,
    DataMapRetention? Retention,
    IReadOnlyList<DataMapField> Fields,
    string? SubjectPath = null,
    bool Unreachable = false,
    IReadOnlyList<string>? AllowedPurposes = null);
