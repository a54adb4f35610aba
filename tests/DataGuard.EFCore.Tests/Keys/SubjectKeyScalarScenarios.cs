using System.Globalization;
using DataGuard.Encryption;
using DataGuard.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>Subject keys on personal scalars (DateOnly, decimal, Guid): their stored form lives in a shadow column
/// property, so they save, read, export, erase and shred like strings. Run against SQLite and PostgreSQL.</summary>
internal static class SubjectKeyScalarScenarios
{
    private static readonly Guid Insurance = Guid.Parse("5b2f9a44-3c1e-4d8e-9a0b-1f2e3d4c5b6a");

    public static Inpatient Ana() => new()
    {
        Id = Guid.NewGuid(), Name = "Ana Silva", BirthDate = new DateOnly(1984, 3, 7), WeightKg = 61.25m, InsuranceId = Insurance, Ward = "ward-a",
    };

    public static Inpatient Jonas() => new()
    {
        Id = Guid.NewGuid(), Name = "Jonas Weber", BirthDate = new DateOnly(1991, 11, 30), WeightKg = null, InsuranceId = Guid.NewGuid(), Ward = "ward-b",
    };

    public static async Task Scalars_under_subject_keys_save_read_and_change(Action<DbContextOptionsBuilder> database)
    {
        await using var host = await InpatientHost.StartAsync(database);
        var ana = Ana();
        await host.AddAsync(ana, Jonas());

        foreach (var column in new[] { "BirthDate", "WeightKg", "InsuranceId" })
        {
            var raw = await host.RawAsync(column, "ward-a");
            Assert.True(FieldFormat.TryReadTextHeader(raw!, out _, out var flags, out _), $"{column} is not stored encrypted");
            Assert.Equal(FieldFlags.SubjectKey, flags);
        }

        Assert.Null(await host.RawAsync("WeightKg", "ward-b"));
        await host.WithContextAsync(async db =>
        {
            var tracked = await db.Inpatients.SingleAsync(p => p.Ward == "ward-a");
            Assert.Equal((ana.BirthDate, ana.WeightKg, ana.InsuranceId), (tracked.BirthDate, tracked.WeightKg, tracked.InsuranceId));
            Assert.False(db.ChangeTracker.HasChanges());
            var untracked = await db.Inpatients.AsNoTracking().OrderBy(p => p.Ward).ToListAsync();
            Assert.Equal([ana.BirthDate, new DateOnly(1991, 11, 30)], untracked.Select(p => p.BirthDate));
            Assert.Null(untracked[1].WeightKg);

            // Changing only a scalar of a read entity writes it, under the subject's key.
            tracked.WeightKg = 59.5m;
            Assert.Equal(1, await db.SaveChangesAsync());
            Assert.Equal(0, await db.SaveChangesAsync());
        });

        await host.WithContextAsync(async db => Assert.Equal(59.5m, (await db.Inpatients.AsNoTracking().SingleAsync(p => p.Id == ana.Id)).WeightKg));

        // An entity read in one context and updated whole in another keeps its scalars (EF Core marks their stored
        // forms modified without knowing them).
        var detached = await host.WithContextAsync(db => db.Inpatients.AsNoTracking().SingleAsync(p => p.Id == ana.Id));
        detached.Ward = "ward-c";
        await host.WithContextAsync(async db =>
        {
            db.Update(detached);
            Assert.Equal(1, await db.SaveChangesAsync());
        });
        await host.WithContextAsync(async db =>
        {
            var updated = await db.Inpatients.AsNoTracking().SingleAsync(p => p.Id == ana.Id);
            Assert.Equal(("ward-c", ana.BirthDate, 59.5m, ana.InsuranceId), (updated.Ward, updated.BirthDate, updated.WeightKg, updated.InsuranceId));
        });
    }

    public static async Task Scalars_under_subject_keys_export_and_erase(Action<DbContextOptionsBuilder> database)
    {
        await using var host = await InpatientHost.StartAsync(database);
        var ana = Ana();
        await host.AddAsync(ana, Jonas());

        var package = await host.ExportAsync(ana.Id);
        var row = Assert.Single(package.ReadRows("Inpatient"));
        Assert.Equal("1984-03-07",
            DateOnly.Parse(row.GetProperty("BirthDate").ToString(), CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(61.25m, decimal.Parse(row.GetProperty("WeightKg").ToString(), CultureInfo.InvariantCulture));
        Assert.Equal(Insurance, Guid.Parse(row.GetProperty("InsuranceId").ToString()));
        Assert.DoesNotContain("dg:", row.GetRawText(), StringComparison.Ordinal);

        var report = await host.Subjects.EraseAsync(ana.Id);
        Assert.Equal(ErasureAction.Anonymize, Assert.Single(report.Entities, e => e.Entity == "Inpatient").Action);
        Assert.True(string.IsNullOrEmpty(await host.RawAsync("BirthDate", "ward-a")));
        Assert.Null(await host.RawAsync("WeightKg", "ward-a"));
        Assert.True(string.IsNullOrEmpty(await host.RawAsync("InsuranceId", "ward-a")));
        Assert.StartsWith("dg:", await host.RawAsync("BirthDate", "ward-b"), StringComparison.Ordinal);
        await host.WithContextAsync(async db =>
        {
            var erased = await db.Inpatients.AsNoTracking().SingleAsync(p => p.Id == ana.Id);
            Assert.Equal((default(DateOnly), (decimal?)null, Guid.Empty), (erased.BirthDate, erased.WeightKg, erased.InsuranceId));
        });
    }

    public static async Task Scalars_under_subject_keys_are_shredded(Action<DbContextOptionsBuilder> database)
    {
        await using var host = await InpatientHost.StartAsync(database);
        var ana = Ana();
        var jonas = Jonas();
        await host.AddAsync(ana, jonas);

        await host.Keys.ShredAsync(ana.Id);
        await host.WithContextAsync(async db =>
        {
            var shredded = await db.Inpatients.SingleAsync(p => p.Id == ana.Id);
            Assert.True(db.Entry(shredded).IsShredded());
            Assert.Equal((default(DateOnly), (decimal?)null, Guid.Empty), (shredded.BirthDate, shredded.WeightKg, shredded.InsuranceId));

            // The row's other columns can still be changed and saved.
            shredded.Ward = "ward-c";
            Assert.Equal(1, await db.SaveChangesAsync());
            Assert.Equal(jonas.BirthDate, (await db.Inpatients.AsNoTracking().SingleAsync(p => p.Id == jonas.Id)).BirthDate);
        });

        Assert.StartsWith("dg:", await host.RawAsync("BirthDate", "ward-c"), StringComparison.Ordinal);
    }

    public static async Task Scalars_written_on_the_ring_read_under_subject_keys_and_the_reencryption_job_moves_them(Action<DbContextOptionsBuilder> database)
    {
        var dataProtection = new EphemeralDataProtectionProvider();
        var ana = Ana();
        await using (var before = await InpatientHost.StartAsync(database, static o => o.Encryption.SubjectKeys = false, dataProtection))
        {
            await before.AddAsync(ana);
        }

        await using var host = await InpatientHost.StartAsync(database, static o => o.Encryption.ReadRingKeyValuesInSubjectRows = true, dataProtection,
            create: false);
        await host.WithContextAsync(async db =>
        {
            var early = await db.Inpatients.SingleAsync();
            Assert.Equal((ana.BirthDate, ana.WeightKg, ana.InsuranceId), (early.BirthDate, early.WeightKg, early.InsuranceId));
        });
        await host.Keys.RotateAsync();

        var report = await host.Reencryptor.RunAsync();

        Assert.Equal(1, report.RowsByEntity["Inpatient"]);
        Assert.True(FieldFormat.TryReadTextHeader((await host.RawAsync("BirthDate", "ward-a"))!, out _, out var flags, out _));
        Assert.Equal(FieldFlags.RingKey, flags);
        await host.WithContextAsync(async db =>
        {
            var read = await db.Inpatients.AsNoTracking().SingleAsync();
            Assert.Equal((ana.BirthDate, ana.WeightKg, ana.InsuranceId), (read.BirthDate, read.WeightKg, read.InsuranceId));
        });
    }
}
