using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>
/// Gives every entity type with subject-key properties a <see cref="SubjectDecryptingBinding"/>, so that EF Core's
/// compiled materializer decrypts them as it creates the entity. Stateless; registered only when
/// <see cref="EncryptionOptions.SubjectKeys"/> is on.
/// </summary>
internal sealed class SubjectKeyBindingInterceptor : IInstantiationBindingInterceptor
{
    public InstantiationBinding ModifyBinding(InstantiationBindingInterceptionData interceptionData, InstantiationBinding binding)
    {
        if (interceptionData.TypeBase is not IEntityType entityType || binding is SubjectDecryptingBinding)
        {
            return binding;
        }

        // EF Core also asks for the binding of an "empty" instance (join entities of many-to-many navigations), which
        // has no row to read: only the service-only binding is used there, and it is left alone.
        if (ReferenceEquals(binding, entityType.ServiceOnlyConstructorBinding) && !ReferenceEquals(binding, entityType.ConstructorBinding))
        {
            return binding;
        }

        var encrypted = entityType.GetProperties().Where(static p => p.FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted) is not null).ToList();
        if (encrypted.Count == 0)
        {
            return binding;
        }

        var subject = entityType.FindProperty((string)encrypted[0].FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted)!.Value!)!;
        return SubjectDecryptingBinding.Wrap(entityType, binding, encrypted, subject);
    }
}
