using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Row binding asked for on a model built without subject keys, and on an entity with a database-generated key.</summary>
public class RowBindingWithoutSubjectKeysContext(DbContextOptions<RowBindingWithoutSubjectKeysContext> options) : DbContext(options)
{
    public DbSet<LabResult> LabResults => Set<LabResult>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<LabResult>().HasRowBinding();
}
