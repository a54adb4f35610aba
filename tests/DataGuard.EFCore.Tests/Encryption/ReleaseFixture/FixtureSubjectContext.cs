using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Encryption.ReleaseFixture;

/// <summary>The subject-key fixture database (subject.db): members and DataGuard's key table with their subject keys.</summary>
public class FixtureSubjectContext(DbContextOptions<FixtureSubjectContext> options) : DbContext(options)
{
    public DbSet<FixtureMember> Members => Set<FixtureMember>();
}
