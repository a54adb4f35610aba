using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Owned types: one owned CLR type in two owners' rows, one owner with its own subject, one with a path.</summary>
public class TravelContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Traveller> Travellers => Set<Traveller>();

    public DbSet<Trip> Trips => Set<Trip>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Traveller>().OwnsOne(t => t.Home);
        modelBuilder.Entity<Trip>().OwnsOne(t => t.Pickup);
        modelBuilder.Entity<Trip>().HasSubjectPath(t => t.Traveller!.Id);
    }
}
