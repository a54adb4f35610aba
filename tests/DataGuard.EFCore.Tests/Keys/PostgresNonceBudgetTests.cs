using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Keys;

public sealed class PostgresNonceBudgetTests
{
    [PostgresFact]
    public async Task No_key_encrypts_more_than_the_budget_across_two_instances()
    {
        await using var database = new PostgresLedgerDatabase();
        await NonceBudgetScenarios.No_key_encrypts_more_than_the_budget_across_two_instances(database);
    }

    [PostgresFact]
    public async Task Crossing_the_budget_rotates_and_audits_the_rotation()
    {
        await using var database = new PostgresLedgerDatabase();
        await NonceBudgetScenarios.Crossing_the_budget_rotates_and_audits_the_rotation(database);
    }

    [PostgresFact]
    public async Task A_crash_loses_at_most_a_block_and_never_hands_out_a_count_twice()
    {
        await using var database = new PostgresLedgerDatabase();
        await NonceBudgetScenarios.A_crash_loses_at_most_a_block_and_never_hands_out_a_count_twice(database);
    }

    [PostgresFact]
    public async Task A_save_larger_than_a_block_reserves_for_its_values_before_its_transaction()
    {
        await using var database = new PostgresLedgerDatabase();
        await NonceBudgetScenarios.A_save_larger_than_a_block_reserves_for_its_values_before_its_transaction(database);
    }
}
