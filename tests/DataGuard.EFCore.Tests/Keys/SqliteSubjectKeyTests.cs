using DataGuard.Testing;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DataGuard.EFCore.Tests.Keys;

public sealed class SqliteSubjectKeyTests
{
    [Fact]
    public async Task Values_round_trip_and_the_database_holds_no_plaintext()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.Values_round_trip_and_the_database_holds_no_plaintext(database);
    }

    [Fact]
    public async Task Shredding_a_subject_makes_only_its_fields_unreadable()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.Shredding_a_subject_makes_only_its_fields_unreadable(database);
    }

    [Fact]
    public async Task A_subject_shredded_before_its_first_write_never_gets_a_key()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.A_subject_shredded_before_its_first_write_never_gets_a_key(database);
    }

    [Fact]
    public async Task A_value_moved_to_another_subjects_row_is_detected()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.A_value_moved_to_another_subjects_row_is_detected(database);
    }

    [Fact]
    public async Task Reading_marks_nothing_changed_and_a_change_writes_one_update()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.Reading_marks_nothing_changed_and_a_change_writes_one_update(database);
    }

    [Fact]
    public async Task An_entity_created_through_its_constructor_is_decrypted_too()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.An_entity_created_through_its_constructor_is_decrypted_too(database);
    }

    [Fact]
    public async Task Projections_of_subject_key_properties_are_rejected_and_entities_in_projections_are_decrypted()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.Projections_of_subject_key_properties_are_rejected_and_entities_in_projections_are_decrypted(database);
    }

    [Fact]
    public async Task Reading_many_subjects_fetches_their_keys_in_batches()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.Reading_many_subjects_fetches_their_keys_in_batches(database, subjects: 1500);
    }

    [Fact]
    public async Task A_damaged_or_swapped_subject_key_record_fails_clearly()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.A_damaged_or_swapped_subject_key_record_fails_clearly(database);
    }

    [Fact]
    public async Task Derived_types_use_the_subject_key_too()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.Derived_types_use_the_subject_key_too(database);
    }

    [Fact]
    public async Task Retention_shreds_the_subjects_of_due_rows_and_keeps_held_and_recent_ones()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.Retention_shreds_the_subjects_of_due_rows_and_keeps_held_and_recent_ones(database);
    }

    [Fact]
    public async Task Retention_does_not_shred_a_subject_whose_records_the_law_still_keeps()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.Retention_does_not_shred_a_subject_whose_records_the_law_still_keeps(database);
    }

    [Fact]
    public async Task Retention_shreds_nobody_while_an_entity_type_subjects_own_is_on_hold()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectKeyScenarios.Retention_shreds_nobody_while_an_entity_type_subjects_own_is_on_hold(database);
    }

    [Fact]
    public async Task An_empty_instance_is_created_without_a_row_to_decrypt()
    {
        // EF Core compiles the same binding into the materializer it uses for instances it creates itself (join
        // entities of many-to-many navigations), with an empty value buffer: nothing may be read or decrypted then.
        await using var database = new SqliteClinicDatabase();
        await using var host = await database.HostAsync();
        await host.WithContextAsync(db =>
        {
#pragma warning disable EF1001 // the materializer source is EF Core's internal API; this is what EF Core itself calls
            var source = db.GetService<Microsoft.EntityFrameworkCore.Query.IStructuralTypeMaterializerSource>();
            var patients = db.Model.FindEntityType(typeof(TestModel.Patient))!;
            var empty = source.GetEmptyMaterializer(patients)(new Microsoft.EntityFrameworkCore.Storage.MaterializationContext(
                Microsoft.EntityFrameworkCore.Storage.ValueBuffer.Empty, db));
#pragma warning restore EF1001
            var patient = Assert.IsType<TestModel.Patient>(empty);
            Assert.Equal((Guid.Empty, null), (patient.Id, patient.Phone));
            return Task.CompletedTask;
        });
    }
}
