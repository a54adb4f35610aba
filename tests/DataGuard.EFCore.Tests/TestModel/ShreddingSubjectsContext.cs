using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The subjects model with reviews shredded on erasure (fluent, replacing the attribute).</summary>
public class ShreddingSubjectsContext(DbContextOptions options) : SubjectsContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Review>().HasErasure(ErasureAction.Shred);
    }
}
