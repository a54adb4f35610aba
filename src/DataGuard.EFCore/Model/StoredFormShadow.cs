using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Model;

/// <summary>
/// Replaces a subject-key scalar (<c>DateOnly</c>, <c>decimal</c>, <c>Guid</c>, …) in the EF Core model by a shadow
/// string property on the same column that holds its stored form (<see cref="StoredFormProperty"/>): the class member is
/// ignored by EF Core, and DataGuard's interceptors move values between the two, so the stored form never has to pass
/// through a property that cannot hold it.
/// </summary>
internal static class StoredFormShadow
{
    private static readonly HashSet<Type> Scalars =
        [typeof(bool), typeof(int), typeof(long), typeof(decimal), typeof(Guid), typeof(DateOnly), typeof(DateTime), typeof(DateTimeOffset)];

    /// <summary>Whether values of <paramref name="clrType"/> can be stored this way.</summary>
    public static bool Supports(Type clrType) => Scalars.Contains(Nullable.GetUnderlyingType(clrType) ?? clrType);

    /// <summary>Replaces <paramref name="property"/> and returns the shadow property, or reports why it cannot.</summary>
    public static IConventionProperty? Replace(IConventionEntityType entityType, IConventionProperty property, List<string> errors)
    {
        var where = $"{entityType.DisplayName()}.{property.Name}";
        var name = property.Name;
        if (property.PropertyInfo is null || property.IsKey() || property.IsForeignKey() || property.GetContainingIndexes().Any())
        {
            errors.Add($"{where}: is a personal {property.ClrType.Name} encrypted with the subject's key, which DataGuard stores in a column of its own; it " +
                "must be a property of the class and not part of a key, foreign key or index. Store it as a string, or set Encrypt = false.");
            return null;
        }

        if (entityType.FindProperty(StoredFormProperty.NameFor(name)) is not null)
        {
            errors.Add($"{where}: the entity already has a property named '{StoredFormProperty.NameFor(name)}', which DataGuard needs for the stored form.");
            return null;
        }

        var column = property.GetColumnName();
        var nullable = property.IsNullable;
        var annotations = property.GetAnnotations()
            .Where(static a => a.Name.StartsWith("DataGuard:", StringComparison.Ordinal))
            .Select(static a => (a.Name, a.Value))
            .ToList();
        entityType.RemoveProperty(property);
        entityType.AddIgnored(name);
        var shadow = entityType.Builder.Property(typeof(string), StoredFormProperty.NameFor(name))!;
        shadow.HasColumnName(column);
        shadow.IsRequired(!nullable);
        foreach (var (annotation, value) in annotations)
        {
            shadow.HasAnnotation(annotation, value);
        }

        shadow.HasAnnotation(DataGuardAnnotationNames.StoredFormOf, name);
        return shadow.Metadata;
    }
}
