using DataGuard.Subjects;

namespace DataGuard.Model;

/// <summary>
/// The application's personal-data model: every entity that holds personal data or belongs to a data subject, with
/// its fields, subject and retention. Built once (from attributes, or by DataGuard.EFCore from the EF Core model with
/// the fluent API applied) and immutable afterwards.
/// </summary>
public sealed class PersonalDataModel
{
    private readonly Dictionary<Type, PersonalEntityDescriptor> _byClrType = [];

    internal PersonalDataModel(IReadOnlyList<PersonalEntityDescriptor> entities)
    {
        Entities = entities;
        foreach (var entity in entities)
        {
            _byClrType.TryAdd(entity.ClrType, entity);
        }

        SubjectIds = new SubjectIdCanonicalizer(entities.Select(static e => e.SubjectType).OfType<Type>());
    }

    /// <summary>The entities holding personal data or under a retention policy, in the order they were given.</summary>
    public IReadOnlyList<PersonalEntityDescriptor> Entities { get; }

    /// <summary>Builds the model from the DataGuard attributes on the given types. Types without any DataGuard
    /// annotation are left out; a type with only <see cref="RetainAttribute"/> is kept for retention.</summary>
    /// <param name="types">The entity types to inspect.</param>
    /// <returns>The model.</returns>
    /// <exception cref="DataGuardModelException">An annotation is misused; every problem is listed.</exception>
    public static PersonalDataModel FromTypes(params IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return FromSpecs(types.Distinct().Select(static t => AttributeSpecReader.Read(t)));
    }

    /// <summary>Finds the entity for a CLR type.</summary>
    /// <param name="clrType">The entity's CLR type.</param>
    /// <returns>The entity, or <see langword="null"/> when the type holds no personal data.</returns>
    public PersonalEntityDescriptor? Find(Type clrType)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        return _byClrType.GetValueOrDefault(clrType);
    }

    /// <summary>The one spelling of a subject id under this model (see <see cref="SubjectIdCanonicalizer"/>).</summary>
    internal SubjectIdCanonicalizer SubjectIds { get; }

    internal static PersonalDataModel FromSpecs(IEnumerable<PersonalTypeSpec> specs)
    {
        var errors = new List<string>();
        var entities = new List<PersonalEntityDescriptor>();
        foreach (var spec in specs)
        {
            if (PersonalModelValidator.Validate(spec, errors) is { } entity && (entity.HoldsPersonalData || entity.Retention is not null))
            {
                entities.Add(entity);
            }
        }

        PersonalModelValidator.ValidateUniqueNames(entities.Select(static e => (e.Name, e.ClrType.FullName ?? e.ClrType.Name)), errors);

        return errors.Count > 0 ? throw new DataGuardModelException(errors) : new PersonalDataModel(entities);
    }
}
