using DataGuard.EFCore.Audit;
using DataGuard.EFCore.Tests.Keys;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Encryption;

/// <summary>Values swapped between two rows of one subject: detected with row binding, not without it.</summary>
internal static class RowBindingScenarios
{
    public static async Task A_value_swapped_between_rows_of_one_subject_fails_with_row_binding(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var patient = Guid.NewGuid();
        var first = new LabResult { Id = Guid.NewGuid(), PatientId = patient, Result = "HbA1c 5.1%" };
        var second = new LabResult { Id = Guid.NewGuid(), PatientId = patient, Result = "HbA1c 9.8%" };
        await host.AddAsync(first, second);
        Assert.Equal(first.Result, (await host.WithContextAsync(db => db.LabResults.AsNoTracking().SingleAsync(r => r.Id == first.Id))).Result);

        var secondStored = await host.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Result\" AS \"Value\" FROM \"LabResults\" WHERE \"Id\" = {0}", second.Id).SingleAsync());
        Assert.True(FieldFormat.TryReadTextHeader(secondStored, out _, out var flags, out _));
        Assert.Equal(FieldFlags.SubjectKey | FieldFlags.RowBound, flags);
        using (DataGuard.EFCore.Audit.DataGuardStatements.Begin()) // the attacker writes past DataGuard's ExecuteUpdate guard
        {
            await host.WithContextAsync(db => db.LabResults.Where(r => r.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Result, secondStored)));
        }

        var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.WithContextAsync(db => db.LabResults.AsNoTracking().SingleAsync(r => r.Id == first.Id)));
        Assert.Equal(("LabResult", "Result"), (ex.Entity, ex.Property));
        Assert.Contains("failed authentication", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("HbA1c", ex.ToString(), StringComparison.Ordinal);
    }

    public static async Task An_unbound_subject_value_in_a_row_bound_entity_is_refused(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var patient = Guid.NewGuid();
        var result = new LabResult { Id = Guid.NewGuid(), PatientId = patient, Result = "HbA1c 5.1%" };
        var consultation = new Consultation { PatientId = patient, Notes = "migraine" };
        await host.AddAsync(result, consultation);

        // A subject-key value of the same subject that is not bound to a row (here from another entity, so it would fail
        // anyway; the flags are checked first, naming the downgrade).
        var unbound = await host.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Notes\" AS \"Value\" FROM \"Consultations\"").SingleAsync());
        using (DataGuard.EFCore.Audit.DataGuardStatements.Begin()) // the attacker writes past DataGuard's ExecuteUpdate guard
        {
            await host.WithContextAsync(db => db.LabResults.ExecuteUpdateAsync(s => s.SetProperty(r => r.Result, unbound)));
        }

        var ex = await Assert.ThrowsAsync<DataGuardCryptoException>(() => host.WithContextAsync(db => db.LabResults.AsNoTracking().SingleAsync()));
        Assert.Contains("not bound to its row", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>What the threat model says is not detected: without row binding, two rows of one subject can swap values.</summary>
    public static async Task A_value_swapped_between_rows_of_one_subject_is_not_detected_without_row_binding(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var patient = Guid.NewGuid();
        await host.AddAsync(new Consultation { PatientId = patient, Notes = "first visit" }, new Consultation { PatientId = patient, Notes = "second visit" });
        var ids = await host.WithContextAsync(db => db.Consultations.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        var secondStored = await host.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Notes\" AS \"Value\" FROM \"Consultations\" WHERE \"Id\" = {0}", ids[1]).SingleAsync());
        using (DataGuard.EFCore.Audit.DataGuardStatements.Begin()) // the attacker writes past DataGuard's ExecuteUpdate guard
        {
            await host.WithContextAsync(db => db.Consultations.Where(c => c.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(c => c.Notes, secondStored)));
        }

        Assert.Equal("second visit", (await host.WithContextAsync(db => db.Consultations.AsNoTracking().SingleAsync(c => c.Id == ids[0]))).Notes);
    }

    /// <summary>Row-bound subject-key values (flags 3) stay under their subject's key: the re-encryption job neither
    /// moves them nor reports them as values it cannot decrypt.</summary>
    public static async Task Reencryption_leaves_row_bound_subject_values_alone(ClinicDatabase database)
    {
        await using var host = await database.HostAsync();
        var result = new LabResult { Id = Guid.NewGuid(), PatientId = Guid.NewGuid(), Result = "HbA1c 5.1%" };
        await host.AddAsync(result);
        var stored = await host.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Result\" AS \"Value\" FROM \"LabResults\"").SingleAsync());
        await host.Keys.RotateAsync();

        var report = await host.Services.GetRequiredService<IFieldReencryptor>().RunAsync();

        Assert.Equal((0, 0L), (report.SkippedCount, report.TotalRows));
        Assert.Equal(stored, await host.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Result\" AS \"Value\" FROM \"LabResults\"").SingleAsync()));
        Assert.Equal(result.Result, (await host.WithContextAsync(db => db.LabResults.AsNoTracking().SingleAsync())).Result);
    }
}
