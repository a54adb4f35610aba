using DataGuard.Model;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Model;

/// <summary>Finds the personal-data description of an EF Core entity type, shared-type entity types too: an owned type
/// used by several owners is one CLR type but an entity type (and a DataGuard name) per owner.</summary>
internal static class PersonalEntityLookup
{
    public static PersonalEntityDescriptor? Find(PersonalDataModel model, IReadOnlyEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(entityType);
        if (!entityType.HasSharedClrType)
        {
            return model.Find(entityType.ClrType);
        }

        var name = EntityTypeSpecReader.DataGuardName(entityType);
        foreach (var descriptor in model.Entities)
        {
            if (string.Equals(descriptor.Name, name, StringComparison.Ordinal))
            {
                return descriptor;
            }
        }

        return null;
    }

    /// <summary>The entity type that owns <paramref name="entityType"/> and is not owned itself (the entity type itself
    /// when it is not owned): whose subject and audit settings an owned type's values share.</summary>
    public static IEntityType OutermostOwner(IEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        var current = entityType;
        while (current.FindOwnership() is { } ownership)
        {
            current = ownership.PrincipalEntityType;
        }

        return current;
    }
}
