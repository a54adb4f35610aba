using DataGuard.EFCore.Tests.TestModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DataGuard.EFCore.Tests.Infrastructure;

/// <summary>A multi-tenant application's context: one model per tenant, chosen by its own
/// <see cref="IModelCacheKeyFactory"/> and shaped by its own <see cref="IModelCustomizer"/>.</summary>
public sealed class TenantCustomersContext(DbContextOptions<TenantCustomersContext> options) : DbContext(options)
{
    public string Tenant { get; set; } = "";

    public DbSet<Customer> Customers => Set<Customer>();
}

/// <summary>The application's own cache key: one model per context type and tenant.</summary>
internal sealed class TenantModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime)
        => (context.GetType(), (context as TenantCustomersContext)?.Tenant, designTime);
}

/// <summary>The application's own customizer: marks the model with the tenant it was built for.</summary>
internal sealed class TenantModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public const string Annotation = "Test:Tenant";

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        modelBuilder.HasAnnotation(Annotation, (context as TenantCustomersContext)?.Tenant);
    }
}
