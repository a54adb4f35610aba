using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Encryption.ReleaseFixture;

/// <summary>The ring-key fixture database (ring.db): accounts and DataGuard's key table.</summary>
public class FixtureRingContext(DbContextOptions<FixtureRingContext> options) : DbContext(options)
{
    public DbSet<FixtureAccount> Accounts => Set<FixtureAccount>();
}
