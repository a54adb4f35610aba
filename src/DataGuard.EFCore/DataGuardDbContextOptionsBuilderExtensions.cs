using DataGuard;
using DataGuard.Consent;
using DataGuard.DependencyInjection;
using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Infrastructure;
using DataGuard.EFCore.Purposes;
using DataGuard.EFCore.Stores;
using DataGuard.EFCore.Tenants.Residency;
using DataGuard.Masking;
using DataGuard.Model;
using DataGuard.Purposes;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Turns DataGuard on for a <see cref="DbContext"/>.</summary>
public static class DataGuardDbContextOptionsBuilderExtensions
{
    /// <summary>Stateless, so every context shares them.</summary>
    /// <see cref="SubjectKeyBindingInterceptor"/> decrypts subject-key and row-bound properties inside EF Core's compiled
    /// materializer (row binding needs it without subject keys too).
    private static readonly IInterceptor[] EncryptionInterceptors = [
        new EncryptionSaveChangesInterceptor(),
        new EncryptionTransactionInterceptor(),
        new EncryptedQueryGuard(),
        new ExecuteUpdateGuard(),
        new SubjectKeyBindingInterceptor()];

    /// <summary>Keeps SaveChanges inside the current tenant for entities with a tenant column (stateless).</summary>
    private static readonly IInterceptor TenantInterceptor = new TenantSaveChangesInterceptor();

    /// <summary>Purpose limitation on reads, one pair per <see cref="PurposeViolationBehavior"/> (stateless otherwise).</summary>
    private static readonly IInterceptor[][] PurposeInterceptors =
    [
        [new PurposeReadInterceptor(PurposeViolationBehavior.Throw), new PurposeSaveChangesGuard()],
        [new PurposeReadInterceptor(PurposeViolationBehavior.Mask), new PurposeSaveChangesGuard()],
    ];

    /// <summary>
    /// Applies DataGuard to the context: its annotations (<see cref="PersonalAttribute"/>, <see cref="DataSubjectAttribute"/>,
    /// <see cref="RetainAttribute"/> and their fluent equivalents) are validated when the model is built, and data-subject
    /// columns get a database index. When the context is the one named by <c>UseEntityFrameworkStores&lt;TContext&gt;()</c>,
    /// DataGuard's own tables join its model (and so its migrations).
    /// </summary>
    /// <param name="optionsBuilder">The context's options builder.</param>
    /// <param name="serviceProvider">The application's service provider, in which <c>services.AddDataGuard()</c> was called.</param>
    /// <returns>The same options builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddDataGuard()</c> was not called on the application's services.</exception>
    public static DbContextOptionsBuilder UseDataGuard(this DbContextOptionsBuilder optionsBuilder, IServiceProvider serviceProvider)
        => UseDataGuard(optionsBuilder, serviceProvider, static _ => { });

    /// <summary>Applies DataGuard to the context with settings of its own, for example the region it stores for data
    /// residency: <c>UseDataGuard(sp, d =&gt; d.Region("eu"))</c>; otherwise as
    /// <see cref="UseDataGuard(DbContextOptionsBuilder, IServiceProvider)"/>.</summary>
    /// <param name="optionsBuilder">The context's options builder.</param>
    /// <param name="serviceProvider">The application's service provider, in which <c>services.AddDataGuard()</c> was called.</param>
    /// <param name="configure">Configures DataGuard for this context.</param>
    /// <returns>The same options builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddDataGuard()</c> was not called on the application's services.</exception>
    /// <exception cref="DataGuardException">The region is not one of <c>DataGuardOptions.Residency.Regions</c>.</exception>
    public static DbContextOptionsBuilder UseDataGuard(
        this DbContextOptionsBuilder optionsBuilder,
        IServiceProvider serviceProvider,
        Action<DataGuardDbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        ArgumentNullException.ThrowIfNull(serviceProvider);
        ArgumentNullException.ThrowIfNull(configure);
        var root = serviceProvider.GetService<DataGuardRoot>()
            ?? throw DataGuardErrors.MissingRegistration("UseDataGuard(sp) needs DataGuard's services: call services.AddDataGuard() when configuring the " +
                "application's services.");

        var storeContext = serviceProvider.GetService<DataGuardStoreRegistration>()?.ContextType;
        var includeStoreTables = storeContext is not null && storeContext.IsAssignableFrom(optionsBuilder.Options.ContextType);
        ((IDbContextOptionsBuilderInfrastructure)optionsBuilder).AddOrUpdateExtension(new DataGuardOptionsExtension(root.Services, includeStoreTables));
        optionsBuilder.AddInterceptors(TenantInterceptor); // first: what the others encrypt and audit is the tenant's row
        ResidencySetup.Apply(optionsBuilder, serviceProvider, configure); // then: the tenant's row is written in its region
        optionsBuilder.AddInterceptors(EncryptionInterceptors);

        AuditInterceptors.AddTo(optionsBuilder, serviceProvider, includeStoreTables);

        // Last, so that its binding wraps the others and checks entities with their values decrypted.
        var outsidePurpose = serviceProvider.GetService<IOptions<DataGuardOptions>>()?.Value.PurposeLimitation.OutsidePurpose ?? PurposeViolationBehavior.Throw;
        optionsBuilder.AddInterceptors(PurposeInterceptors[(int)outsidePurpose]);

        // DataGuard's options extension carries the application's service provider, so EF Core builds one internal
        // provider per application provider. A process that hosts many applications (integration tests with one host
        // each) passes EF Core's limit of twenty and, by default, throws; DataGuard logs that warning instead.
        optionsBuilder.ConfigureWarnings(static w => w.Log(CoreEventId.ManyServiceProvidersCreatedWarning));
        return optionsBuilder;
    }

    /// <summary>Applies DataGuard to the context; see <see cref="UseDataGuard(DbContextOptionsBuilder, IServiceProvider)"/>.</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="optionsBuilder">The context's options builder.</param>
    /// <param name="serviceProvider">The application's service provider, in which <c>services.AddDataGuard()</c> was called.</param>
    /// <returns>The same options builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddDataGuard()</c> was not called on the application's services.</exception>
    public static DbContextOptionsBuilder<TContext> UseDataGuard<TContext>(
        this DbContextOptionsBuilder<TContext> optionsBuilder,
        IServiceProvider serviceProvider)
        where TContext : DbContext
        => (DbContextOptionsBuilder<TContext>)UseDataGuard((DbContextOptionsBuilder)optionsBuilder, serviceProvider);

    /// <summary>Applies DataGuard to the context with settings of its own; see
    /// <see cref="UseDataGuard(DbContextOptionsBuilder, IServiceProvider, Action{DataGuardDbContextOptionsBuilder})"/>.</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="optionsBuilder">The context's options builder.</param>
    /// <param name="serviceProvider">The application's service provider, in which <c>services.AddDataGuard()</c> was called.</param>
    /// <param name="configure">Configures DataGuard for this context.</param>
    /// <returns>The same options builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddDataGuard()</c> was not called on the application's services.</exception>
    /// <exception cref="DataGuardException">The region is not one of <c>DataGuardOptions.Residency.Regions</c>.</exception>
    public static DbContextOptionsBuilder<TContext> UseDataGuard<TContext>(
        this DbContextOptionsBuilder<TContext> optionsBuilder,
        IServiceProvider serviceProvider,
        Action<DataGuardDbContextOptionsBuilder> configure)
        where TContext : DbContext
        => (DbContextOptionsBuilder<TContext>)UseDataGuard((DbContextOptionsBuilder)optionsBuilder, serviceProvider, configure);
}
