using System.Reflection;
using DataGuard.Masking;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using static DataGuard.EFCore.Model.DataGuardAnnotationNames;

namespace DataGuard.EFCore.Model;

/// <summary>Turns an EF Core entity type into the core's declared spec: the fluent API's annotations where present,
/// otherwise the attributes on the CLR members. Validation is the core's, so messages match for both sources.</summary>
internal static class EntityTypeSpecReader
{
    public static bool IsInScope(IReadOnlyEntityType entityType) => !entityType.IsPropertyBag;

    /// <summary>
    /// The entity type's DataGuard name (<see cref="PersonalEntityDescriptor.Name"/>): <c>HasDataGuardName</c>, else
    /// <see cref="DataGuardEntityAttribute"/> on the CLR type (not inherited, and not for shared-type entity types, whose
    /// CLR type several entity types share), else the display name — the name values were bound to before names could
    /// be configured, so existing values stay readable.
    /// </summary>
    public static string DataGuardName(IReadOnlyEntityType entityType) => ConfiguredName(entityType) ?? entityType.DisplayName();

    /// <summary>The DataGuard name of the type declaring <paramref name="property"/>: what its values are bound to.</summary>
    public static string DataGuardName(IReadOnlyProperty property)
        => property.DeclaringType is IReadOnlyEntityType entityType ? DataGuardName(entityType) : property.DeclaringType.DisplayName();

    private static string? ConfiguredName(IReadOnlyEntityType entityType)
        => entityType.FindAnnotation(DataGuardAnnotationNames.Name)?.Value as string
           ?? (entityType.HasSharedClrType ? null : entityType.ClrType.GetCustomAttribute<DataGuardEntityAttribute>(inherit: false)?.Name);

    public static PersonalTypeSpec Read(IReadOnlyEntityType entityType, List<string> errors)
    {
        var name = DataGuardName(entityType);
        var subjectName = entityType.FindAnnotation(Subject)?.Value as string;
        if (subjectName is not null && entityType.FindProperty(subjectName) is null)
        {
            errors.Add($"{name}: HasDataSubject names '{subjectName}', which is not a mapped property.");
        }

        var subjectPath = entityType.FindAnnotation(SubjectPath)?.Value as string;
        if (subjectPath is not null)
        {
            ValidateSubjectPath(entityType, name, subjectPath, errors);
        }

        var properties = new List<PersonalPropertySpec>();
        foreach (var property in entityType.GetProperties())
        {
            if (StoredFormProperty.MemberOf(property) is not null)
            {
                // A subject-key scalar: the model knows it by its class member, whose column the shadow property maps.
                var stored = StoredFormProperty.Member(property);
                properties.Add(new PersonalPropertySpec(stored.Name, stored.PropertyType,
                    ReadPersonal(property) ?? stored.GetCustomAttribute<PersonalAttribute>(inherit: true), false, false, stored));
                continue;
            }

            var member = property.PropertyInfo;
            var isSubject = subjectName is not null
                ? string.Equals(property.Name, subjectName, StringComparison.Ordinal)
                : member?.IsDefined(typeof(DataSubjectAttribute), inherit: true) == true;
            properties.Add(new PersonalPropertySpec(
                property.Name,
                property.ClrType,
                ReadPersonal(property) ?? member?.GetCustomAttribute<PersonalAttribute>(inherit: true),
                isSubject,
                property.IsPrimaryKey(),
                member));
        }

        ReportUnmappedAnnotatedMembers(entityType, name, errors);
        var table = entityType.GetTableName();
        var store = table is null ? null : entityType.GetSchema() is { } schema ? schema + "." + table : table;
        var erasure = entityType.FindAnnotation(Erasure)?.Value is string action ? Enum.Parse<ErasureAction>(action)
            : entityType.ClrType.GetCustomAttribute<ErasureAttribute>(inherit: true)?.Action;
        return new PersonalTypeSpec(name, entityType.ClrType, store, properties,
            ReadRetain(entityType)
                ?? entityType.ClrType.GetCustomAttribute<RetainAttribute>(inherit: true), subjectPath, erasure, ConfiguredName(
                    entityType) is not null, OwnerInRow(entityType));
    }

    /// <summary>The DataGuard name of the owner of an owned type whose columns are in the owner's row (<c>OwnsOne</c>, not
    /// in a table of its own nor a JSON column): such values are exported, cleared and audited with the owner.</summary>
    private static string? OwnerInRow(IReadOnlyEntityType entityType)
        => entityType.FindOwnership() is { IsUnique: true } ownership
           && ownership.PrincipalEntityType is var owner
           && entityType.GetContainerColumnName() is null
           && entityType.GetTableName() == owner.GetTableName() && entityType.GetSchema() == owner.GetSchema()
            ? DataGuardName(owner)
            : null;

    /// <summary>The name of the entity type's data-subject property (fluent or attribute), or <see langword="null"/>.</summary>
    public static string? SubjectPropertyName(IReadOnlyEntityType entityType)
        => entityType.FindAnnotation(Subject)?.Value as string
           ?? entityType.GetProperties().FirstOrDefault(static p => p.PropertyInfo?.IsDefined(typeof(DataSubjectAttribute), inherit: true) == true)?.Name;

    /// <summary>Walks the path: reference navigations, then the data-subject property of the entity reached.</summary>
    private static void ValidateSubjectPath(IReadOnlyEntityType entityType, string name, string path, List<string> errors)
    {
        var steps = path.Split('.');
        var current = entityType;
        for (var i = 0; i < steps.Length - 1; i++)
        {
            var navigation = current.FindNavigation(steps[i]);
            if (navigation is null || navigation.IsCollection)
            {
                errors.Add($"{name}: HasSubjectPath('{path}'): '{steps[i]}' is not a reference navigation of {current.DisplayName()}; every step but the " +
                    "last must navigate to a single related entity.");
                return;
            }

            current = navigation.TargetEntityType;
        }

        var last = steps[^1];
        var subject = SubjectPropertyName(current);
        if (subject is null || !string.Equals(subject, last, StringComparison.Ordinal))
        {
            errors.Add(subject is null
                ? $"{name}: HasSubjectPath('{path}') ends at {current.DisplayName()}, which has no data-subject property; mark one with [DataSubject] or " +
                    "HasDataSubject(...)."
                : $"{name}: HasSubjectPath('{path}') must end at the data-subject property of {current.DisplayName()}, which is '{subject}', not '{last}'.");
        }
    }

    private static PersonalAttribute? ReadPersonal(IReadOnlyProperty property)
    {
        if (property.FindAnnotation(DataGuardAnnotationNames.PersonalCategory)?.Value is not string category)
        {
            return null;
        }

        return new PersonalAttribute(Enum.Parse<DataGuard.Model.PersonalCategory>(category))
        {
            Mask = property.FindAnnotation(Mask)?.Value is string mask ? Enum.Parse<MaskStyle>(mask) : MaskStyle.Default,
            Searchable = property.FindAnnotation(Searchable)?.Value is true,
            Encrypt = property.FindAnnotation(Encrypt)?.Value is not false,
        };
    }

    private static RetainAttribute? ReadRetain(IReadOnlyEntityType entityType)
    {
        if (entityType.FindAnnotation(RetainDays)?.Value is not int days)
        {
            return null;
        }

        return new RetainAttribute
        {
            Days = days,
            From = entityType.FindAnnotation(RetainFrom)?.Value as string,
            Then = entityType.FindAnnotation(RetainThen)?.Value is string then ? Enum.Parse<RetentionAction>(then) : RetentionAction.Delete,
            LegalRequirement = entityType.FindAnnotation(RetainLegalRequirement)?.Value as string,
        };
    }

    /// <summary>An annotated property EF Core does not map would silently go unprotected; say so instead.</summary>
    private static void ReportUnmappedAnnotatedMembers(IReadOnlyEntityType entityType, string name, List<string> errors)
    {
        if (entityType.HasSharedClrType || entityType.BaseType is not null)
        {
            return; // shared and derived types report through the type that declares the member
        }

        foreach (var member in entityType.ClrType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var annotated = member.IsDefined(typeof(PersonalAttribute), inherit: true) || member.IsDefined(typeof(DataSubjectAttribute), inherit: true);
            if (annotated && StoredFormProperty.Find(entityType, member.Name) is null && entityType.FindNavigation(member.Name) is null
                && !IsMappedByDerivedType(entityType, member.Name))
            {
                errors.Add($"{name}.{member.Name}: is annotated for DataGuard but EF Core does not map it as a property, so DataGuard cannot protect it; map " +
                    "it or remove the annotation.");
            }
        }
    }

    private static bool IsMappedByDerivedType(IReadOnlyEntityType entityType, string propertyName)
        => entityType.GetDerivedTypes().Any(d => d.FindDeclaredProperty(propertyName) is not null);
}
