using DataGuard.EFCore.Tests.Keys;
using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class PostgresRowBindingTests
{
    [PostgresFact]
    public async Task A_value_swapped_between_rows_of_one_subject_fails_with_row_binding()
    {
        await using var database = new PostgresClinicDatabase();
        await RowBindingScenarios.A_value_swapped_between_rows_of_one_subject_fails_with_row_binding(database);
    }

    [PostgresFact]
    public async Task An_unbound_subject_value_in_a_row_bound_entity_is_refused()
    {
        await using var database = new PostgresClinicDatabase();
        await RowBindingScenarios.An_unbound_subject_value_in_a_row_bound_entity_is_refused(database);
    }

    [PostgresFact]
    public async Task A_value_swapped_between_rows_of_one_subject_is_not_detected_without_row_binding()
    {
        await using var database = new PostgresClinicDatabase();
        await RowBindingScenarios.A_value_swapped_between_rows_of_one_subject_is_not_detected_without_row_binding(database);
    }

    [PostgresFact]
    public async Task Reencryption_leaves_row_bound_subject_values_alone()
    {
        await using var database = new PostgresClinicDatabase();
        await RowBindingScenarios.Reencryption_leaves_row_bound_subject_values_alone(database);
    }
}
