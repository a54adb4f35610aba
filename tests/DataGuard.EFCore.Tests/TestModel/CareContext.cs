using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The proofs tests' store context: global query filters (EF Core 10 named ones and an unnamed one), a
/// cascading and a restricting foreign key, and an entity reached through a subject path.</summary>
public class CareContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<CareClient> Clients => Set<CareClient>();
    public DbSet<CareBooking> Bookings => Set<CareBooking>();
    public DbSet<CareReminder> Reminders => Set<CareReminder>();
    public DbSet<CareAttachment> Attachments => Set<CareAttachment>();
    public DbSet<CareInvoice> Invoices => Set<CareInvoice>();
    public DbSet<CareCourse> Courses => Set<CareCourse>();
    public DbSet<CareLesson> Lessons => Set<CareLesson>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CareClient>().HasQueryFilter("SoftDelete", c => !c.IsDeleted);
        modelBuilder.Entity<CareClient>().HasMany(c => c.Bookings).WithOne(b => b.Client).HasForeignKey(b => b.ClientId).OnDelete(DeleteBehavior.Cascade);
        modelBuilder.Entity<CareBooking>().HasQueryFilter("SoftDelete", b => !b.IsDeleted);
        modelBuilder.Entity<CareBooking>().HasQueryFilter("Upcoming", b => b.Note != "hidden-by-filter");
        modelBuilder.Entity<CareBooking>().HasMany(b => b.Reminders).WithOne(r => r.Booking).HasForeignKey(r => r.BookingId).OnDelete(DeleteBehavior.Restrict);
        modelBuilder.Entity<CareBooking>().HasMany(b => b.Attachments).WithOne(a => a.Booking).HasForeignKey(a => a.BookingId).OnDelete(DeleteBehavior.Cascade);
        modelBuilder.Entity<CareInvoice>().HasOne(i => i.Booking).WithMany().HasForeignKey(i => i.BookingId).OnDelete(DeleteBehavior.Restrict);
        modelBuilder.Entity<CareCourse>().HasMany(c => c.Lessons).WithOne(l => l.Course).HasForeignKey(l => l.CourseId).OnDelete(DeleteBehavior.Cascade);
        modelBuilder.Entity<CareReminder>().HasSubjectPath(r => r.Booking!.ClientId);
        modelBuilder.Entity<CareReminder>().HasQueryFilter(r => !r.Sent);
    }
}
