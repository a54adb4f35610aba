using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

public class TwoSubjects
{
    public int Id { get; set; }
    [DataSubject] public Guid A { get; set; }
    [DataSubject] public Guid B { get; set; }
}

public class EncryptedKey
{
    [Personal] public string Id { get; set; } = "";
}

public class UnmappedPersonal
{
    public int Id { get; set; }
    [Personal] public string Email { get; set; } = "";
}

public class TwoSubjectsContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<TwoSubjects> Rows => Set<TwoSubjects>();
}

public class EncryptedKeyContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<EncryptedKey> Rows => Set<EncryptedKey>();
}

public class UnmappedPersonalContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<UnmappedPersonal> Rows => Set<UnmappedPersonal>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<UnmappedPersonal>().Ignore(u => u.Email);
}

/// <summary>Fluent configuration replaces attributes: here the subject moves from Id to another column and Email is
/// re-categorised.</summary>
public class OverridingContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(b =>
        {
            b.Property<Guid>("AccountId");
            b.Property(c => c.Email).IsPersonal(PersonalCategory.OnlineIdentifier, mask: MaskStyle.Pseudonym);
        });
    }
}
