using DataGuard;
using DataGuard.Consent;
using DataGuard.DependencyInjection;
using DataGuard.EFCore.Consent;
using DataGuard.EFCore.DependencyInjection;
using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Keys;
using DataGuard.EFCore.Retention;
using DataGuard.EFCore.Stores;
using DataGuard.EFCore.Subjects;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Model;
using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Connects DataGuard to the application's EF Core context.</summary>
public static class DataGuardEntityFrameworkBuilderExtensions
{
    /// <summary>
    /// Uses <typeparamref name="TContext"/> as DataGuard's store and source of truth: DataGuard's own tables (keys,
    /// consents, audit) join its model and migrations, and its model (with DataGuard's annotations) becomes the
    /// registered <see cref="PersonalDataModel"/>, which is built and validated when the host starts.
    /// </summary>
    /// <typeparam name="TContext">The application's context, registered with <c>AddDbContext</c> and configured with
    /// <c>UseDataGuard(sp)</c>.</typeparam>
    /// <param name="builder">The DataGuard builder.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>At start-up, a <typeparamref name="TContext"/> whose options lack <c>UseDataGuard(sp)</c> fails with an
    /// <see cref="InvalidOperationException"/>, and misused annotations fail with a <see cref="DataGuardModelException"/>.
    /// A hosted service also unwraps every key of the ring when the host starts (failing with a
    /// <see cref="DataGuardCryptoException"/> that names the keys whose Data Protection key is missing) and re-wraps the
    /// keys an older Data Protection key wrapped (docs/backup-and-recovery.md).</remarks>
    public static IDataGuardBuilder UseEntityFrameworkStores<TContext>(this IDataGuardBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(new DataGuardStoreRegistration(typeof(TContext)));
        // A factory: the model comes from a context instance, and a context without UseDataGuard(sp) gets a clear message.
        builder.Services.TryAddSingleton(static sp => BuildModel<TContext>(sp));
        builder.Services.TryAddSingleton<IKeyStore, EntityFrameworkKeyStore<TContext>>();
        builder.Services.TryAddSingleton<IFieldReencryptor, EntityFrameworkFieldReencryptor<TContext>>();
        builder.Services.TryAddSingleton<IKeyUsageCounter, EntityFrameworkKeyUsageCounter<TContext>>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, KeyRingStartupCheck>());
        builder.Services.TryAddSingleton<IBlindIndexRebuilder, EntityFrameworkBlindIndexRebuilder<TContext>>();
        builder.Services.TryAddSingleton<DataGuard.Retention.IRetentionService, DataGuard.EFCore.Retention.EntityFrameworkRetentionService<TContext>>();
        builder.Services.TryAddSingleton<DataGuard.Retention.IRetentionTenantSource, DataGuard.EFCore.Retention.EntityFrameworkRetentionTenants<TContext>>();
        builder.Services.TryAddSingleton<DataGuard.Retention.ILegalHoldService, DataGuard.EFCore.Retention.EntityFrameworkLegalHoldService<TContext>>();
        builder.Services.TryAddSingleton<DataGuard.Subjects.ISubjectRightsService, DataGuard.EFCore.Subjects.EntityFrameworkSubjectRightsService<TContext>>();
        builder.Services.AddOptions<PersonalDataModelStartupCheck>()
            .Validate<PersonalDataModel, IOptions<DataGuardOptions>, ILoggerFactory>(static (_, model, options, loggers) => model is not null
                && DataMapStartupReview.Log(model, options.Value, loggers))
            .ValidateOnStart();
        SensitiveDataLoggingCheck.Register(builder.Services);

        builder.Services.TryAddScoped<IConsentStore, EntityFrameworkConsentStore<TContext>>();
        builder.Services.TryAddScoped<
            DataGuard.Subjects.Requests.ISubjectRequestStore,
            DataGuard.EFCore.Subjects.EntityFrameworkSubjectRequestStore<TContext>>();
        return builder;
    }

    private static PersonalDataModel BuildModel<TContext>(IServiceProvider services)
        where TContext : DbContext
    {
        using var scope = services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        if (context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>() is null)
        {
            throw DataGuardErrors.MissingRegistration($"{typeof(TContext).Name} is not configured for DataGuard: add .UseDataGuard(sp) to its options in " +
                $"AddDbContext<{typeof(TContext).Name}>((sp, o) => ...).");
        }

        return context.Model.GetPersonalDataModel();
    }
}
