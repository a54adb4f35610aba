using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The WhereEncrypted tests' context: a searchable subject entity behind a soft-delete query filter, and a
/// dependent entity that reaches it through a reference navigation.</summary>
public class SearchContext(DbContextOptions<SearchContext> options) : DbContext(options)
{
    public DbSet<SearchClient> Clients => Set<SearchClient>();
    public DbSet<SearchBooking> Bookings => Set<SearchBooking>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SearchClient>().HasQueryFilter("SoftDelete", c => !c.IsDeleted);
        modelBuilder.Entity<SearchBooking>().Property(b => b.Id).ValueGeneratedNever();
        modelBuilder.Entity<SearchBooking>().HasOne(b => b.Client).WithMany().HasForeignKey(b => b.ClientId).IsRequired(false);
    }
}

public class SearchClient
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    public bool IsDeleted { get; set; }
}

public class SearchBooking
{
    public int Id { get; set; }
    [DataSubject] public Guid? ClientId { get; set; }
    public SearchClient? Client { get; set; }
    [Personal(Searchable = true)] public string Reference { get; set; } = "";
    [Personal] public string? Note { get; set; }
    public int Day { get; set; }
}
