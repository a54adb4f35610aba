using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// Decrypts subject-key and row-bound properties as EF Core creates an entity: every entity type with such properties
/// gets an <see cref="EntityCreatedBinding"/> that sets the subject id, the row's key and the stored forms and decrypts
/// them in place. Stateless; a no-op for entity types without such properties.
/// </summary>
internal sealed class SubjectKeyBindingInterceptor : IInstantiationBindingInterceptor
{
    public InstantiationBinding ModifyBinding(InstantiationBindingInterceptionData interceptionData, InstantiationBinding binding)
    {
        if (interceptionData.TypeBase is not IEntityType entityType)
        {
            return binding;
        }

        var encrypted = entityType.GetProperties().Where(static p => p.FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted) is not null).ToList();
        if (encrypted.Count == 0)
        {
            return binding;
        }

        var subjectName = (string)encrypted[0].FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted)!.Value!;
        IProperty[] subject = subjectName.Length == 0 ? [] : [entityType.FindProperty(subjectName)!];
        // A row-bound entity's values are bound to its primary key too, so the key is set before they are decrypted.
        var rowKey = entityType.GetAllBaseTypesInclusive()
            .Any(static t => t.FindAnnotation(DataGuard.EFCore.Model.DataGuardAnnotationNames.RowBinding)?.Value is true)
            ? entityType.FindPrimaryKey()!.Properties.Except(subject)
            : [];
        // Subject-key scalars' stored forms are in shadow properties, handed over as an array (no member can hold them).
        var storedForms = encrypted.Where(static p => StoredFormProperty.MemberOf(p) is not null).ToList();
        return storedForms.Count == 0
            ? EntityCreatedBinding.Wrap(binding, [.. subject, .. rowKey, .. encrypted], new Decryption(entityType).Decrypt)
            : EntityCreatedBinding.Wrap(binding, [.. subject, .. rowKey, .. encrypted.Except(storedForms)], storedForms, new Decryption(entityType).Decrypt);
    }

    /// <summary>Decrypts entities of one type; the type's binding hangs off the entity type, as the materializer does,
    /// so it is resolved once.</summary>
    private sealed class Decryption(IEntityType entityType)
    {
        private SubjectEncryptionBinding? _binding;

        public void Decrypt(object entity, DbContext context) => Binding(context).Decrypt(entity);

        public void Decrypt(object entity, object?[] storedForms, DbContext context) => Binding(context).Decrypt(entity, storedForms);

        private SubjectEncryptionBinding Binding(DbContext context)
            => _binding ??= SubjectEncryptionBinding.For(entityType, EncryptionServices.ApplicationServices(context))
                ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no subject-key properties.");
    }
}
