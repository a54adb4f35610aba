using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The subject-key tests' store context: keys live in its DataGuardKeys table.</summary>
public class ClinicContext(DbContextOptions<ClinicContext> options) : DbContext(options)
{
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<VipPatient> VipPatients => Set<VipPatient>();
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<Prescription> Prescriptions => Set<Prescription>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<LabResult> LabResults => Set<LabResult>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Patient>().Property(p => p.Name).HasMaxLength(60);
        modelBuilder.Entity<LabResult>().HasRowBinding();
    }
}
