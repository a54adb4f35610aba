using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel.Binding;

/// <summary>Row binding on the ring for an entity with an encrypted decimal: refused when the model is built.</summary>
public class ScalarRowBindingContext(DbContextOptions<ScalarRowBindingContext> options) : DbContext(options)
{
    public DbSet<Assessment> Assessments => Set<Assessment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Assessment>().HasRowBinding();
}
