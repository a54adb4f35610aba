using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>
/// Decrypts the subject-key properties of an entity as soon as EF Core has set its properties, before it is tracked
/// (so the original-value snapshot holds plaintext and reading marks nothing modified) or handed to the caller. Runs
/// for tracking and no-tracking queries alike, and for entities inside projections.
/// </summary>
internal sealed class SubjectKeyMaterializationInterceptor : IMaterializationInterceptor
{
    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (materializationData.EntityType.FindRuntimeAnnotationValue(EncryptionAnnotationNames.SubjectBinding) is { } cached)
        {
            (cached as SubjectEncryptionBinding)?.Decrypt(entity);
        }
        else if (EncryptionServices.HasEncryption(materializationData.Context.Model)
                 && SubjectEncryptionBinding.For(materializationData.EntityType, EncryptionServices.ApplicationServices(materializationData.Context)) is { } binding)
        {
            binding.Decrypt(entity);
        }

        return entity;
    }
}
