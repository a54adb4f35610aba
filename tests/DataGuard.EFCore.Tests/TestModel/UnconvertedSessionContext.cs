using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Sessions dated with a DateTimeOffset and no conversion, which retention cannot compare on SQLite.</summary>
public class UnconvertedSessionContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Session> Sessions => Set<Session>();
}
