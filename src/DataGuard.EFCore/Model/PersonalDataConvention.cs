using DataGuard.Encryption;
using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Infrastructure;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace DataGuard.EFCore.Model;

/// <summary>
/// Runs when the EF Core model is finalised: validates DataGuard's annotations (so misuse fails when the model is
/// built, naming type and property) and gives every data-subject column a database index, because export, erasure
/// and subject-key lookups filter on it.
/// </summary>
internal sealed class PersonalDataConvention(ICurrentDbContext currentContext) : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        var errors = new List<string>();
        var names = new List<(string Name, string Type)>();
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes())
        {
            if (!EntityTypeSpecReader.IsInScope(entityType))
            {
                continue;
            }

            TenantColumn.Configure(entityType, errors);
            var descriptor = PersonalModelValidator.Validate(EntityTypeSpecReader.Read(entityType, errors), errors);
            if (descriptor is null)
            {
                continue;
            }

            if (descriptor.HoldsPersonalData || descriptor.Retention is not null)
            {
                names.Add((descriptor.Name, entityType.HasSharedClrType ? entityType.Name : entityType.ClrType.FullName ?? entityType.Name));
            }

            if (descriptor.SubjectProperty is { } subject && entityType.FindProperty(subject) is { } property)
            {
                EnsureIndexed(entityType, property);
            }

            var subjectKeys = descriptor.Fields.Any(static f => f.Encrypted) && SubjectKeysOn() ? descriptor.SubjectProperty : null;
            if (entityType.FindAnnotation(DataGuardAnnotationNames.RowBinding)?.Value is true)
            {
                ValidateRowBinding(entityType, descriptor, errors);
            }

            // Subject keys and row binding encrypt in SaveChanges (the key or the associated data depend on the row);
            // the annotation names the subject property, or is empty for a row-bound entity on the ring.
            var perRow = subjectKeys ?? (RowBound(entityType) ? "" : null);
            foreach (var field in descriptor.Fields)
            {
                // Configure where the property is declared, so every type of a hierarchy uses the same column binding.
                if (field.Encrypted && entityType.FindDeclaredProperty(field.Name) is { } declared)
                {
                    Encrypt(entityType, declared, field, perRow, errors);
                }
            }
        }

        PersonalModelValidator.ValidateUniqueNames(names, errors);
        if (errors.Count > 0)
        {
            throw new DataGuardModelException(errors);
        }
    }

    private void Encrypt(IConventionEntityType entityType, IConventionProperty property, PersonalFieldDescriptor field, string? perRow, List<string> errors)
    {
        var where = $"{entityType.DisplayName()}.{property.Name}";
        if (property.GetValueConverter() is not null || property.GetProviderClrType() is not null)
        {
            errors.Add($"{where}: has its own value conversion, so DataGuard cannot encrypt it; remove the conversion or set Encrypt = false.");
            return;
        }

        if (entityType.IsOwned() && SubjectKeysOn())
        {
            errors.Add($"{where}: is an encrypted property of an owned type, which Encryption.SubjectKeys does not support (its values would not be " +
                "crypto-shredded); move it to the owner, or set Encrypt = false.");
            return;
        }

        if (perRow is not null)
        {
            if (PerRow(entityType, property, perRow, where, errors) is not { } perRowProperty)
            {
                return;
            }

            property = perRowProperty;
        }
        else
        {
            var column = ApplicationServices().Encryptor.Column(EntityTypeSpecReader.DataGuardName(entityType), property.Name);
            property.Builder.HasConversion(EncryptedValueConverters.Create(property.ClrType, column));
        }

        property.Builder.HasAnnotation(EncryptionAnnotationNames.Encrypted, property.ClrType == typeof(byte[]) ? "binary" : "text");

        // Ciphertext is longer than plaintext: widen a configured maximum so that what fits in clear fits encrypted.
        if (property.GetMaxLength() is { } maxLength)
        {
            ((IMutableProperty)property).SetMaxLength(property.ClrType == typeof(byte[])
                ? FieldFormat.CiphertextSize(maxLength)
                : EncryptedValueConverters.EncryptedTextLength(maxLength));
        }

        if (field.Searchable)
        {
            var indexName = property.Name + "BlindIndex";
            if (entityType.FindProperty(indexName) is not null)
            {
                errors.Add($"{where}: is searchable, but the entity already has a property named '{indexName}' for its blind index.");
                return;
            }

            var index = entityType.Builder.Property(typeof(byte[]), indexName)!;
            index.HasAnnotation(EncryptionAnnotationNames.BlindIndexOf, property.Name);
            index.IsRequired(false);
            entityType.Builder.HasIndex([index.Metadata]);
        }
    }

    /// <summary>Row binding puts the primary key in the associated data, which DataGuard does at SaveChanges (with
    /// subject keys or on the ring), so it needs encrypted properties and a key the application assigns before saving.</summary>
    private static void ValidateRowBinding(IConventionEntityType entityType, PersonalEntityDescriptor descriptor, List<string> errors)
    {
        var name = entityType.DisplayName();
        if (!descriptor.Fields.Any(static f => f.Encrypted))
        {
            errors.Add($"{name}: HasRowBinding() binds encrypted values to their row, and the entity has no encrypted personal property.");
            return;
        }

        if (entityType.IsOwned())
        {
            errors.Add($"{name}: HasRowBinding() is not available on owned types; call it on the owner and keep its encrypted properties there.");
            return;
        }

        if (entityType.BaseType is { } baseType)
        {
            // A column shared by the hierarchy must be bound the same way in every row of it (the re-encryption job and
            // the readers of the base type see it as the base type's column).
            errors.Add($"{name}: HasRowBinding() must be called on the root of the hierarchy ({baseType.GetRootType().DisplayName()}), whose rows share the " +
                "columns.");
            return;
        }

        foreach (var key in entityType.FindPrimaryKey()?.Properties ?? [])
        {
            var type = Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType;
            if (type != typeof(Guid) && type != typeof(string) && type != typeof(int) && type != typeof(long))
            {
                errors.Add($"{name}.{key.Name}: HasRowBinding() binds values to the primary key, which must be Guid, string, int or long, not {type.Name}.");
            }
            else if (key.ValueGenerated != ValueGenerated.Never && (type == typeof(int) || type == typeof(long)))
            {
                errors.Add($"{name}.{key.Name}: HasRowBinding() binds values to the primary key, which the database generates here, so it is not known when " +
                    "DataGuard encrypts the row; assign keys in code and configure ValueGeneratedNever(), or use a Guid key.");
            }
            else if (key.PropertyInfo is null && key.FieldInfo is null)
            {
                errors.Add($"{name}.{key.Name}: HasRowBinding() binds values to the primary key, which must be a property of the class (not a shadow " +
                    "property) so DataGuard can read it when EF Core creates the entity.");
            }
        }
    }

    /// <summary>A value converter cannot see the row's subject or key: the interceptors encrypt at SaveChanges and
    /// decrypt at materialisation, in place for string and byte[], through a shadow property for a subject-key scalar
    /// (<see cref="StoredFormShadow"/>). Returns the property that holds the stored form, or <see langword="null"/>.</summary>
    private static IConventionProperty? PerRow(IConventionEntityType entityType, IConventionProperty property, string perRow, string where, List<string> errors)
    {
        if (perRow.Length > 0 && !RowBound(entityType) && StoredFormShadow.Supports(property.ClrType))
        {
            if (StoredFormShadow.Replace(entityType, property, errors) is not { } shadow)
            {
                return null;
            }

            property = shadow;
        }
        else if (property.ClrType != typeof(string) && property.ClrType != typeof(byte[]))
        {
            errors.Add(perRow.Length > 0
                ? $"{where}: is a {property.ClrType.Name}; with Encryption.SubjectKeys on, personal properties of a row-bound entity with a data subject are " +
                    "encrypted with the subject's key only as string or byte[]. Store it as a string, or set Encrypt = false."
                : $"{where}: is a {property.ClrType.Name}; HasRowBinding() binds encrypted values to their row only for string and byte[] properties. Store " +
                    "it as a string, set Encrypt = false, or remove HasRowBinding().");
            return null;
        }

        property.Builder.HasAnnotation(EncryptionAnnotationNames.SubjectEncrypted, perRow);
        return property;
    }

    private static bool RowBound(IConventionEntityType entityType)
        => entityType.GetAllBaseTypesInclusive().Any(static t => t.FindAnnotation(DataGuardAnnotationNames.RowBinding)?.Value is true);

    /// <summary>The application of the context whose model is being built (the model cache is per application).</summary>
    private DataGuardApplicationServices ApplicationServices()
        => new(currentContext.Context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>()!.ApplicationServices);

    private bool SubjectKeysOn()
        => ApplicationServices().Services.GetService(
            typeof(Microsoft.Extensions.Options.IOptionsMonitor<DataGuardOptions>)) is Microsoft.Extensions.Options.IOptionsMonitor<DataGuardOptions> options
           && options.CurrentValue.Encryption.SubjectKeys;

    private static void EnsureIndexed(IConventionEntityType entityType, IConventionProperty property)
    {
        if (entityType.FindPrimaryKey()?.Properties[0] == property
            || entityType.GetIndexes().Any(i => i.Properties[0] == property))
        {
            return;
        }

        entityType.Builder.HasIndex([property]);
    }
}
