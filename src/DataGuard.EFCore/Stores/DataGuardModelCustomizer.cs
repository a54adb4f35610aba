using DataGuard.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DataGuard.EntityFrameworkCore.Stores;

/// <summary>Runs the application's <c>OnModelCreating</c>, then adds DataGuard's tables when this context is the
/// store context.</summary>
internal sealed class DataGuardModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        if (context.GetService<IDbContextOptions>().FindExtension<DataGuardOptionsExtension>() is { IncludeStoreTables: true })
        {
            DataGuardStoreModel.Configure(modelBuilder);
        }
    }
}
