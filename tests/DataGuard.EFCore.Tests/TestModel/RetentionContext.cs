using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The retention tests' store context: legal holds and leases live in its DataGuard tables.</summary>
public class RetentionContext(DbContextOptions<RetentionContext> options) : DbContext(options)
{
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Ticket> Tickets => Set<Ticket>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Ticket>(b =>
        {
            b.HasDataSubject(t => t.CustomerRef);
            b.HasRetention(7, t => t.OpenedOn);
            b.Property(t => t.Subject).IsPersonal(encrypt: false);
        });

        // SQLite cannot compare DateTimeOffset text; the documented fix is an order-preserving conversion (UTC ticks).
        if (Database.IsSqlite())
        {
            modelBuilder.Entity<Session>().Property(s => s.StartedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        }
    }
}
