using DataGuard.EFCore.Tests.Keys;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class SqliteRowBindingTests
{
    [Fact]
    public async Task A_value_swapped_between_rows_of_one_subject_fails_with_row_binding()
    {
        await using var database = new SqliteClinicDatabase();
        await RowBindingScenarios.A_value_swapped_between_rows_of_one_subject_fails_with_row_binding(database);
    }

    [Fact]
    public async Task An_unbound_subject_value_in_a_row_bound_entity_is_refused()
    {
        await using var database = new SqliteClinicDatabase();
        await RowBindingScenarios.An_unbound_subject_value_in_a_row_bound_entity_is_refused(database);
    }

    [Fact]
    public async Task A_value_swapped_between_rows_of_one_subject_is_not_detected_without_row_binding()
    {
        await using var database = new SqliteClinicDatabase();
        await RowBindingScenarios.A_value_swapped_between_rows_of_one_subject_is_not_detected_without_row_binding(database);
    }

    [Fact]
    public async Task Reencryption_leaves_row_bound_subject_values_alone()
    {
        await using var database = new SqliteClinicDatabase();
        await RowBindingScenarios.Reencryption_leaves_row_bound_subject_values_alone(database);
    }
}
