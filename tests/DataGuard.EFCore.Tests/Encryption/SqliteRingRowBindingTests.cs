namespace DataGuard.EFCore.Tests.Encryption;

public sealed class SqliteRingRowBindingTests
{
    [Fact]
    public async Task A_value_swapped_between_rows_of_one_column_fails_with_row_binding()
    {
        await using var database = new SqliteBindingDatabase();
        await RingRowBindingScenarios.A_value_swapped_between_rows_of_one_column_fails_with_row_binding(database);
    }

    [Fact]
    public async Task A_value_swapped_between_rows_with_an_assigned_int_key_fails_with_row_binding()
    {
        await using var database = new SqliteBindingDatabase();
        await RingRowBindingScenarios.A_value_swapped_between_rows_with_an_assigned_int_key_fails_with_row_binding(database);
    }

    [Fact]
    public async Task A_value_swapped_between_rows_of_one_column_is_not_detected_without_row_binding()
    {
        await using var database = new SqliteBindingDatabase();
        await RingRowBindingScenarios.A_value_swapped_between_rows_of_one_column_is_not_detected_without_row_binding(database);
    }

    [Fact]
    public async Task Unbound_values_are_refused_read_in_migration_mode_and_bound_by_the_reencryption_job()
    {
        await using var database = new SqliteBindingDatabase();
        await RingRowBindingScenarios.Unbound_values_are_refused_read_in_migration_mode_and_bound_by_the_reencryption_job(database);
    }

    [Fact]
    public async Task Rotation_moves_row_bound_values_to_the_new_key_still_bound_and_retirement_waits_for_them()
    {
        await using var database = new SqliteBindingDatabase();
        await RingRowBindingScenarios.Rotation_moves_row_bound_values_to_the_new_key_still_bound_and_retirement_waits_for_them(database);
    }

    [Fact]
    public async Task A_row_bound_value_is_updated_through_the_change_tracker_and_refused_by_execute_update()
    {
        await using var database = new SqliteBindingDatabase();
        await RingRowBindingScenarios.A_row_bound_value_is_updated_through_the_change_tracker_and_refused_by_execute_update(database);
    }
}
