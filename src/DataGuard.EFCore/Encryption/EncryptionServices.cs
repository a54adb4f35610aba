using DataGuard.Encryption;
using DataGuard.EFCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Encryption;

/// <summary>Finds the field encryptor of a context's application, for the interceptors.</summary>
internal static class EncryptionServices
{
    /// <summary>The encryptor, when the context's model has encrypted properties; otherwise <see langword="null"/>.</summary>
    public static FieldEncryptor? ForModelOf(DbContext? context)
        => context is not null && HasEncryption(context.Model) ? For(context) : null;

    public static FieldEncryptor For(DbContext context) => new DataGuardApplicationServices(ApplicationServices(context)).Encryptor;

    public static IServiceProvider ApplicationServices(DbContext context)
        => context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>()!.ApplicationServices;

    public static bool HasEncryption(IModel model)
        => model.GetOrAddRuntimeAnnotationValue("DataGuard:HasEncryption", static m => m!.GetEntityTypes().Any(HasEncryption), model);

    public static bool HasEncryption(IEntityType entityType)
        => entityType.GetProperties().Any(static p => p.FindAnnotation(EncryptionAnnotationNames.Encrypted) is not null);
}
