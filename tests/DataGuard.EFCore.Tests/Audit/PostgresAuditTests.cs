using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Audit;

/// <summary>The audit stories on a real PostgreSQL server, one database for the class; each test asserts on what it
/// added, so the tests share the chain and it must verify after each of them.</summary>
public sealed class PostgresAuditTests() : PostgresAuditHostTests("audit")
{
    [PostgresFact]
    public Task Inserts_updates_and_deletes_are_recorded_with_names_keys_and_subject()
        => AuditScenarios.Inserts_updates_and_deletes_are_recorded_with_names_keys_and_subject(Host);

    [PostgresFact]
    public Task Texts_that_need_escaping_are_stored_exactly_as_hashed()
        => AuditScenarios.Texts_that_need_escaping_are_stored_exactly_as_hashed(Host, includeInvalidUtf16: false);

    [PostgresFact]
    public Task A_large_save_is_recorded_entry_by_entry_in_order() => AuditScenarios.A_large_save_is_recorded_entry_by_entry_in_order(Host);

    [PostgresFact]
    public Task A_save_in_a_transaction_DataGuard_opened_leaves_the_savepoint_setting_as_it_was()
        => AuditTransactionScenarios.A_save_in_a_transaction_DataGuard_opened_leaves_the_savepoint_setting_as_it_was(Host);

    [PostgresFact]
    public Task A_save_failing_on_a_constraint_leaves_no_audit_row() => AuditTransactionScenarios.A_save_failing_on_a_constraint_leaves_no_audit_row(Host);

    [PostgresFact]
    public Task A_save_failing_on_a_concurrency_conflict_releases_DataGuards_transaction()
        => AuditTransactionScenarios.A_save_failing_on_a_concurrency_conflict_releases_DataGuards_transaction(Host);

    [PostgresFact]
    public Task An_application_transaction_carries_the_audit_rows_with_it()
        => AuditTransactionScenarios.An_application_transaction_carries_the_audit_rows_with_it(Host);

    [PostgresFact]
    public Task Recording_an_event_inside_an_application_transaction_enlists_in_it()
        => AuditTransactionScenarios.Recording_an_event_inside_an_application_transaction_enlists_in_it(Host);

    [PostgresFact]
    public async Task Recording_outside_an_audit_scope_while_the_callers_transaction_holds_the_lock_fails_with_what_to_do()
    {
        await using var host = await AuditTestHost.PostgresAsync(PostgresTestDatabase.ForNewDatabase("auditlock") + ";Command Timeout=5");
        await AuditTransactionScenarios.Recording_outside_an_audit_scope_while_the_callers_transaction_holds_the_lock_fails_with_what_to_do(host);
    }

    [PostgresFact]
    public async Task Masked_old_and_new_values_are_recorded_on_the_chain_and_never_in_clear()
    {
        await using var host = await AuditTestHost.PostgresAsync(PostgresTestDatabase.ForNewDatabase("auditmask"), o => o.RecordMaskedValues = true);
        await AuditSecrecyScenarios.Masked_old_and_new_values_are_recorded_on_the_chain_and_never_in_clear(host);
    }

    [PostgresFact]
    public Task No_plaintext_personal_value_reaches_the_audit_table() => AuditSecrecyScenarios.No_plaintext_personal_value_reaches_the_audit_table(Host);

    [PostgresFact]
    public Task Concurrent_appends_from_8_contexts_on_separate_connections_form_one_linear_chain()
        => AuditScenarios.Concurrent_appends_from_separate_connections_form_one_linear_chain(Host, writers: 8, savesPerWriter: 10);

    [PostgresFact]
    public Task Tampering_with_a_stored_entry_is_reported_at_its_sequence() => AuditScenarios.Tampering_with_a_stored_entry_is_reported_at_its_sequence(Host);

    [PostgresFact]
    public Task Property_names_with_commas_brackets_and_quotes_verify() => AuditScenarios.Property_names_with_commas_brackets_and_quotes_verify(Host);
}
