namespace DataGuard.Model;

/// <summary>An entity type that holds personal data or belongs to a data subject: its fields, subject and retention.</summary>
public sealed class PersonalEntityDescriptor
{
    /// <summary>Describes the validated <paramref name="spec"/>: its [DataSubject] property, personal fields, retention
    /// and erasure.</summary>
    internal PersonalEntityDescriptor(
        PersonalTypeSpec spec,
        PersonalPropertySpec? subject,
        IReadOnlyList<PersonalFieldDescriptor> fields,
        RetentionPolicy? retention,
        ErasureAction erasure)
    {
        SubjectPath = spec.SubjectPath;
        Erasure = erasure;
        Name = spec.Name;
        ClrType = spec.ClrType;
        StoreName = spec.StoreName;
        SubjectProperty = subject?.Name;
        SubjectType = subject?.ClrType;
        Fields = fields;
        Retention = retention;
        Owner = spec.Owner;
    }

    /// <summary>
    /// The entity's DataGuard name, unique in the model: given with <see cref="DataGuardEntityAttribute"/> (or the
    /// fluent API), otherwise the CLR type's name (with EF Core, the entity type's display name). Encrypted values and
    /// blind indexes are bound to it; audit entries, legal holds, the data map and export packages use it.
    /// </summary>
    public string Name { get; }

    /// <summary>The entity's CLR type.</summary>
    public Type ClrType { get; }

    /// <summary>Where rows are stored (for example the table name), when known.</summary>
    public string? StoreName { get; }

    /// <summary>The property holding the data subject's id, or <see langword="null"/> when the entity has none.</summary>
    public string? SubjectProperty { get; }

    /// <summary>The CLR type of <see cref="SubjectProperty"/>.</summary>
    public Type? SubjectType { get; }

    /// <summary>The personal fields, in declaration order.</summary>
    public IReadOnlyList<PersonalFieldDescriptor> Fields { get; }

    /// <summary>The retention policy, or <see langword="null"/> when none is declared.</summary>
    public RetentionPolicy? Retention { get; }

    /// <summary>
    /// For an entity without a subject property of its own: the navigation path, dot-separated, from this entity to the
    /// subject property of another entity (for example <c>Order.CustomerId</c>), or <see langword="null"/>.
    /// </summary>
    public string? SubjectPath { get; }

    /// <summary>What an erasure request does to the subject's rows: declared, or the default (see <see cref="ErasureAttribute"/>).</summary>
    public ErasureAction Erasure { get; }

    /// <summary>The DataGuard name of the entity type that owns this one when its values travel in the owner's row (an
    /// EF Core owned type): exported, erased and audited with the owner's subject.</summary>
    internal string? Owner { get; }

    /// <summary>Whether a data subject's export and erasure reach the rows: through <see cref="SubjectProperty"/> or
    /// <see cref="SubjectPath"/>.</summary>
    public bool IsReachableBySubject => SubjectProperty is not null || SubjectPath is not null;

    /// <summary>Whether the entity holds personal fields or belongs to a data subject.</summary>
    public bool HoldsPersonalData => Fields.Count > 0 || IsReachableBySubject;

    /// <summary>Finds a personal field by property name.</summary>
    /// <param name="name">The property name (ordinal comparison).</param>
    /// <returns>The field, or <see langword="null"/> when the property is not personal.</returns>
    public PersonalFieldDescriptor? FindField(string name)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.Name, name, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }
}
