using DataGuard.Consent;
using DataGuard.Masking;
using DataGuard.Model;
using DataGuard.Purposes;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Purposes;

public sealed class PurposeScopeTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static void DeclareModelTraining(DataGuardOptions o)
        => o.Purposes.Add(PurposeCollection.ModelTraining, lawfulBasis: LawfulBasis.LegitimateInterests).Uses(PersonalCategory.Demographic);

    [Fact]
    public async Task Model_training_that_is_not_declared_cannot_open_a_scope()
    {
        await using var host = await PurposeHost.SqliteAsync(_folder);
        var refused = Assert.Throws<PurposeNotAllowedException>(() => host.Purposes.Begin(PurposeCollection.ModelTraining));
        Assert.Equal(PurposeDenialReason.NotDeclared, refused.Reason);
        Assert.Null(host.Purposes.Current);
    }

    [Fact]
    public async Task A_job_under_model_training_cannot_read_health_data_tracking_or_not()
    {
        await using var host = await PurposeHost.SqliteAsync(_folder, DeclareModelTraining);
        await host.AddPatientAsync("Alice", "asthma since 2019");

        using (host.Purposes.Begin(PurposeCollection.ModelTraining))
        {
            await using var db = host.NewContext();
            var refused = await Assert.ThrowsAsync<PurposeNotAllowedException>(() => db.Patients.ToListAsync());
            Assert.Equal(PurposeDenialReason.CategoryNotDeclared, refused.Reason);
            Assert.Contains(PersonalCategory.Health, refused.Decision.RefusedCategories);
            Assert.DoesNotContain("asthma", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Alice", refused.Message, StringComparison.Ordinal);

            await Assert.ThrowsAsync<PurposeNotAllowedException>(() => db.Patients.AsNoTracking().FirstAsync());
        }
    }

    [Fact]
    public async Task The_same_read_under_care_works_and_is_audited_with_its_purpose()
    {
        await using var host = await PurposeHost.SqliteAsync(_folder);
        var alice = await host.AddPatientAsync("Alice", "asthma since 2019");
        await host.ConsentAsync(c => c.GrantAsync(alice.Id, "care"));

        using (host.Purposes.Begin("care"))
        {
            Assert.Equal("care", host.Purposes.Current);
            await using var db = host.NewContext();
            var read = await db.Patients.SingleAsync();
            Assert.Equal(("Alice", "asthma since 2019"), (read.Name, read.Notes));
        }

        Assert.Null(host.Purposes.Current);
        var audited = Assert.Single(await host.ReadsAsync(), r => r.EntityType == "CarePatient");
        Assert.Equal(("care", alice.Id.ToString("D")), (audited.Purpose, audited.SubjectId));
    }

    [Fact]
    public async Task Withdrawing_consent_stops_the_next_read_in_the_same_scope()
    {
        await using var host = await PurposeHost.SqliteAsync(_folder);
        var alice = await host.AddPatientAsync("Alice", "asthma since 2019");
        await host.ConsentAsync(c => c.GrantAsync(alice.Id, "care"));

        using (host.Purposes.Begin("care"))
        {
            await using (var db = host.NewContext())
            {
                Assert.NotNull(await db.Patients.SingleAsync());
            }

            await host.ConsentAsync(c => c.WithdrawAsync(alice.Id, "care"));

            await using (var db = host.NewContext())
            {
                var refused = await Assert.ThrowsAsync<PurposeNotAllowedException>(() => db.Patients.SingleAsync());
                Assert.Equal((PurposeDenialReason.Consent, ConsentStatus.Withdrawn), (refused.Reason, refused.Decision.ConsentStatus));
                Assert.Equal("CarePatient", refused.Entity);
            }
        }
    }

    [Fact]
    public async Task A_purpose_on_consent_refuses_subjects_who_never_consented_and_allows_those_who_did()
    {
        await using var host = await PurposeHost.SqliteAsync(_folder);
        var alice = await host.AddPatientAsync("Alice", "asthma");
        var bob = await host.AddPatientAsync("Bob", "fracture");
        await host.ConsentAsync(c => c.GrantAsync(alice.Id, "care"));

        using (host.Purposes.Begin("care"))
        {
            await using var db = host.NewContext();
            Assert.Equal("Alice", (await db.Patients.SingleAsync(p => p.Id == alice.Id)).Name);
            var refused = await Assert.ThrowsAsync<PurposeNotAllowedException>(() => db.Patients.SingleAsync(p => p.Id == bob.Id));
            Assert.Equal(ConsentStatus.Absent, refused.Decision.ConsentStatus);
        }
    }

    [Fact]
    public async Task Outside_a_scope_reads_are_not_checked()
    {
        await using var host = await PurposeHost.SqliteAsync(_folder);
        await host.AddPatientAsync("Alice", "asthma");
        await using var db = host.NewContext();
        Assert.Equal("asthma", (await db.Patients.SingleAsync()).Notes);
    }

    [Fact]
    public async Task An_entity_that_lists_its_purposes_refuses_any_other_even_one_that_names_the_entity()
    {
        await using var host = await PurposeHost.SqliteAsync(_folder);
        var employee = Guid.NewGuid();
        await using (var db = host.NewContext())
        {
            db.Payroll.Add(new PayrollRecord { EmployeeId = employee, Iban = "DE89370400440532013000" });
            await db.SaveChangesAsync();
        }

        using (host.Purposes.Begin("reporting"))
        {
            await using var db = host.NewContext();
            var refused = await Assert.ThrowsAsync<PurposeNotAllowedException>(() => db.Payroll.SingleAsync());
            Assert.Equal(PurposeDenialReason.EntityNotAllowed, refused.Reason);
        }

        using (host.Purposes.Begin("payroll"))
        {
            await using var db = host.NewContext();
            Assert.Equal("DE89370400440532013000", (await db.Payroll.SingleAsync()).Iban);
        }
    }

    [Fact]
    public async Task Masking_mode_hands_out_only_what_the_purpose_uses_and_never_saves_a_mask()
    {
        await using var host = await PurposeHost.SqliteAsync(_folder, o => o.PurposeLimitation.OutsidePurpose = PurposeViolationBehavior.Mask, masking: true);
        var alice = await host.AddPatientAsync("Alice", "asthma since 2019");

        using (host.Purposes.Begin("billing"))
        {
            await using var db = host.NewContext();
            var read = await db.Patients.SingleAsync();
            Assert.Equal(("Alice", "alice@example.org"), (read.Name, read.Email));
            Assert.NotNull(read.Notes);
            Assert.DoesNotContain("asthma", read.Notes, StringComparison.Ordinal);
            Assert.Equal(0, read.BirthYear);

            // Changing a field the purpose uses saves only that field.
            read.Ward = "C";
            await db.SaveChangesAsync();

            // Marking everything modified would write the masks over the stored values: refused.
            db.Update(read);
            var refused = await Assert.ThrowsAsync<DataGuardException>(() => db.SaveChangesAsync());
            Assert.Contains("masked under purpose 'billing'", refused.Message, StringComparison.Ordinal);
        }

        await using (var db = host.NewContext())
        {
            var stored = await db.Patients.SingleAsync(p => p.Id == alice.Id);
            Assert.Equal(("C", "asthma since 2019", 1980), (stored.Ward, stored.Notes, stored.BirthYear));
        }
    }

    [Fact]
    public async Task Scopes_nest_and_the_outer_purpose_comes_back()
    {
        await using var host = await PurposeHost.SqliteAsync(_folder);
        using (host.Purposes.Begin("care"))
        {
            using (host.Purposes.Begin("billing"))
            {
                Assert.Equal("billing", host.Purposes.Current);
            }

            Assert.Equal("care", host.Purposes.Current);
        }

        Assert.Null(host.Purposes.Current);
    }
}
