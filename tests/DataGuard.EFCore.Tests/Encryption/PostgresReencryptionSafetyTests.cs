using DataGuard.EFCore.Tests.Keys;
using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class PostgresReencryptionSafetyTests
{
    [PostgresFact]
    public async Task Reencryption_never_reverts_a_concurrent_application_write()
    {
        await using var database = new PostgresLedgerDatabase();
        await ReencryptionScenarios.Reencryption_never_reverts_a_concurrent_application_write(database);
    }

    [PostgresFact]
    public async Task Reencryption_skips_and_reports_an_undecryptable_value_and_moves_the_rest()
    {
        await using var database = new PostgresLedgerDatabase();
        await ReencryptionScenarios.Reencryption_skips_and_reports_an_undecryptable_value_and_moves_the_rest(database);
    }

    [PostgresFact]
    public async Task Reencryption_gives_anonymised_rows_no_blind_index()
    {
        await using var database = new PostgresLedgerDatabase();
        await ReencryptionScenarios.Reencryption_gives_anonymised_rows_no_blind_index(database);
    }

    [PostgresFact]
    public async Task Reencryption_moves_rows_hidden_by_a_global_query_filter()
    {
        await using var database = new PostgresLedgerDatabase();
        await ReencryptionScenarios.Reencryption_moves_rows_hidden_by_a_global_query_filter(database);
    }

    [PostgresFact]
    public async Task Reencryption_moves_ring_key_values_in_subject_key_columns()
    {
        await using var database = new PostgresLedgerDatabase();
        await ReencryptionScenarios.Reencryption_moves_ring_key_values_in_subject_key_columns(database);
    }
}
