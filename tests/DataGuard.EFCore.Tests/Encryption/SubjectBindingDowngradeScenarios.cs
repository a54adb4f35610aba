using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Tests.Keys;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Encryption;

/// <summary>A value encrypted with a ring key (as a row without a subject, or one written before subject keys were on,
/// has it) put into a subject's row: the subject binding must not be downgraded to the column binding.</summary>
internal static class SubjectBindingDowngradeScenarios
{
    private static async Task<(Patient Ana, Patient Jonas)> PlantRingKeyValueAsync(ClinicHost host)
    {
        var ana = Keys.SubjectKeyScenarios.Ana();
        var jonas = Keys.SubjectKeyScenarios.Jonas();
        await host.AddAsync(ana, jonas);

        // What a row without a subject holds: the column's ring-key form, bound to Patient.Email but to no subject.
        var ringKeyValue = host.Services.GetRequiredService<FieldEncryptor>().Column("Patient", "Email").EncryptString("mallory@example.net");
        using (DataGuard.EFCore.Audit.DataGuardStatements.Begin()) // the attacker writes past DataGuard's ExecuteUpdate guard
        {
            await host.WithContextAsync(db => db.Patients.Where(p => p.Id == jonas.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Email, ringKeyValue)));
        }
        return (ana, jonas);
    }

    public static async Task A_ring_key_value_in_a_subject_row_is_refused(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var (ana, jonas) = await PlantRingKeyValueAsync(host);

        await host.WithContextAsync(async db =>
        {
            var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => db.Patients.AsNoTracking().SingleAsync(p => p.Id == jonas.Id));
            Assert.Equal(("Patient", "Email"), (ex.Entity, ex.Property));
            Assert.Contains("ReadRingKeyValuesInSubjectRows", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("mallory", ex.ToString(), StringComparison.Ordinal);
            Assert.Equal(ana.Email, (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == ana.Id)).Email);
        });
    }

    public static async Task A_ring_key_value_in_a_subject_row_is_read_in_migration_mode(ClinicDatabase database)
    {
        (Patient Ana, Patient Jonas) planted;
        await using (var first = await database.HostAsync())
        {
            planted = await PlantRingKeyValueAsync(first);
        }

        await using var host = await database.HostAsync(o => o.Encryption.ReadRingKeyValuesInSubjectRows = true);
        await host.WithContextAsync(async db =>
        {
            var jonas = await db.Patients.SingleAsync(p => p.Id == planted.Jonas.Id);
            Assert.Equal("mallory@example.net", jonas.Email);

            // Saving the row moves the value to the subject's key, after which the mode is no longer needed for it.
            db.Entry(jonas).Property(p => p.Email).IsModified = true;
            await db.SaveChangesAsync();
        });

        await using var strict = await database.HostAsync();
        var reread = await strict.WithContextAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == planted.Jonas.Id));
        Assert.Equal("mallory@example.net", reread.Email);
    }
}
