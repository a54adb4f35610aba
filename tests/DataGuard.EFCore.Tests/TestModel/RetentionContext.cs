using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The retention tests' store context: legal holds and leases live in its DataGuard tables.</summary>
public class RetentionContext(DbContextOptions<RetentionContext> options) : DbContext(options)
{
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
}
