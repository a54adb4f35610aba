using DataGuard.Encryption;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Infrastructure;

/// <summary>
/// The application's service provider, made available inside EF Core's internal one. Conventions build the model's
/// value converters from it, so each application (and each test host) encrypts with its own key ring.
/// </summary>
internal sealed class DataGuardApplicationServices(IServiceProvider services)
{
    public IServiceProvider Services { get; } = services;

    /// <summary>The field encryptor, resolved only when the model has an encrypted property.</summary>
    public FieldEncryptor Encryptor => Services.GetRequiredService<FieldEncryptor>();
}
