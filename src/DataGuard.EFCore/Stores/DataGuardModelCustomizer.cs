using DataGuard.EFCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DataGuard.EFCore.Stores;

/// <summary>Runs the customizer it wraps (EF Core's, which runs the application's <c>OnModelCreating</c>, or the
/// application's own), then adds DataGuard's tables when this context is the store context.</summary>
internal sealed class DataGuardModelCustomizer(IModelCustomizer inner) : IModelCustomizer
{
    public void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        inner.Customize(modelBuilder, context);
        if (context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>() is { IncludeStoreTables: true })
        {
            DataGuardStoreModel.Configure(modelBuilder);
        }
    }
}
