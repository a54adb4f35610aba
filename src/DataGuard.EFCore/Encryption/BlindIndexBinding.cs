using DataGuard.Encryption;
using DataGuard.EFCore.Model;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Encryption;

/// <summary>A searchable property, its blind-index shadow property, and the column's HMAC.</summary>
internal sealed record BlindIndexBinding(IProperty Source, IProperty Index, BlindIndexColumn Column)
{
    /// <summary>The bindings of an entity type, built once per model and kept on it.</summary>
    public static BlindIndexBinding[] For(IEntityType entityType, FieldEncryptor encryptor)
        => entityType.GetOrAddRuntimeAnnotationValue(
            EncryptionAnnotationNames.BlindIndexBindings,
            static state => Build(state.EntityType, state.Encryptor),
            (EntityType: entityType, Encryptor: encryptor));

    private static BlindIndexBinding[] Build(IEntityType entityType, FieldEncryptor encryptor)
        => entityType.GetProperties()
            .Where(static p => p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf) is not null)
            .Select(index =>
            {
                var source = entityType.FindProperty((string)index.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf)!.Value!)!;
                return new BlindIndexBinding(source, index, encryptor.BlindIndex(EntityTypeSpecReader.DataGuardName(source), source.Name));
            })
            .ToArray();
}
