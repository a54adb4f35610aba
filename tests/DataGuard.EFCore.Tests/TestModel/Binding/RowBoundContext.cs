using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel.Binding;

/// <summary>Row binding on the ring: <see cref="Dossier"/> (Guid key) and <see cref="CaseFile"/> (int key assigned in
/// code) bind every encrypted value to their row.</summary>
public class RowBoundContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<CaseFile> CaseFiles => Set<CaseFile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Dossier>().HasRowBinding();
        modelBuilder.Entity<CaseFile>().HasRowBinding().Property(c => c.Id).ValueGeneratedNever();
    }
}
