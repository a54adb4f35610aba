using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel.Binding;

/// <summary>Row binding asked for on a derived type only: refused, the hierarchy's rows share the columns.</summary>
public class DerivedRowBindingContext(DbContextOptions<DerivedRowBindingContext> options) : DbContext(options)
{
    public DbSet<Dossier> Dossiers => Set<Dossier>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<UrgentDossier>().HasRowBinding();
}
