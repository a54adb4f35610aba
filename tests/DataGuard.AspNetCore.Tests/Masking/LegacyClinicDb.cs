using DataGuard.AspNetCore.Pages;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.AspNetCore.Tests.Masking;

public sealed class LegacyClinicDb(DbContextOptions<LegacyClinicDb> options) : DbContext(options)
{
    public DbSet<LegacyPatient> Patients => Set<LegacyPatient>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var patient = modelBuilder.Entity<LegacyPatient>();
        patient.HasDataSubject(p => p.Id);
        patient.Property(p => p.Email).IsPersonal(PersonalCategory.Contact, mask: MaskStyle.Email);
        patient.Property(p => p.Name).IsPersonal(PersonalCategory.Identity);
    }
}
