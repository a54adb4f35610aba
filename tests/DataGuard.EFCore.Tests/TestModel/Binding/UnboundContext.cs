using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel.Binding;

/// <summary>The tables of <see cref="RowBoundContext"/> without row binding: what an application wrote before it turned
/// row binding on.</summary>
public class UnboundContext(DbContextOptions<UnboundContext> options) : RowBoundContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<CaseFile>().Property(c => c.Id).ValueGeneratedNever();
}
