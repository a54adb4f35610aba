using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Consent;

/// <summary>An application context with a table of its own; DataGuard's consent table joins it.</summary>
public sealed class ConsentDb(DbContextOptions<ConsentDb> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
}
