using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel.Binding;

/// <summary>Row binding on an entity whose key the database generates (identity): refused when the model is built.</summary>
public class GeneratedKeyRowBindingContext(DbContextOptions<GeneratedKeyRowBindingContext> options) : DbContext(options)
{
    public DbSet<CaseFile> CaseFiles => Set<CaseFile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<CaseFile>().HasRowBinding();
}
