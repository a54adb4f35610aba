using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class SqliteAuditTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private AuditTestHost _host = null!;

    public async Task InitializeAsync() => _host = await AuditTestHost.SqliteAsync(_folder);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public Task Inserts_updates_and_deletes_are_recorded_with_names_keys_and_subject() => AuditScenarios.Inserts_updates_and_deletes_are_recorded_with_names_keys_and_subject(_host);

    [Fact]
    public Task Texts_that_need_escaping_are_stored_exactly_as_hashed() => AuditScenarios.Texts_that_need_escaping_are_stored_exactly_as_hashed(_host, includeInvalidUtf16: true);

    [Fact]
    public Task A_large_save_is_recorded_entry_by_entry_in_order() => AuditScenarios.A_large_save_is_recorded_entry_by_entry_in_order(_host);

    [Fact]
    public Task A_save_in_a_transaction_DataGuard_opened_leaves_the_savepoint_setting_as_it_was() => AuditTransactionScenarios.A_save_in_a_transaction_DataGuard_opened_leaves_the_savepoint_setting_as_it_was(_host);

    [Fact]
    public Task A_save_failing_on_a_constraint_leaves_no_audit_row() => AuditTransactionScenarios.A_save_failing_on_a_constraint_leaves_no_audit_row(_host);

    [Fact]
    public Task A_save_failing_on_a_concurrency_conflict_releases_DataGuards_transaction() => AuditTransactionScenarios.A_save_failing_on_a_concurrency_conflict_releases_DataGuards_transaction(_host);

    [Fact]
    public Task An_application_transaction_carries_the_audit_rows_with_it() => AuditTransactionScenarios.An_application_transaction_carries_the_audit_rows_with_it(_host);

    [Fact]
    public Task Recording_an_event_inside_an_application_transaction_enlists_in_it() => AuditTransactionScenarios.Recording_an_event_inside_an_application_transaction_enlists_in_it(_host);

    [Fact]
    public async Task Recording_outside_an_audit_scope_while_the_callers_transaction_holds_the_lock_fails_with_what_to_do()
    {
        using var folder = new TempDirectory();
        await using var host = await AuditTestHost.SqliteAsync(folder, connectionOptions: ";Default Timeout=1");
        await AuditTransactionScenarios.Recording_outside_an_audit_scope_while_the_callers_transaction_holds_the_lock_fails_with_what_to_do(host);
    }

    [Fact]
    public async Task Masked_old_and_new_values_are_recorded_on_the_chain_and_never_in_clear()
    {
        using var folder = new TempDirectory();
        await using var host = await AuditTestHost.SqliteAsync(folder, o => o.RecordMaskedValues = true);
        await AuditSecrecyScenarios.Masked_old_and_new_values_are_recorded_on_the_chain_and_never_in_clear(host);
    }

    [Fact]
    public Task No_plaintext_personal_value_reaches_the_audit_table() => AuditSecrecyScenarios.No_plaintext_personal_value_reaches_the_audit_table(_host);

    [Fact]
    public Task Concurrent_appends_from_separate_connections_form_one_linear_chain() => AuditScenarios.Concurrent_appends_from_separate_connections_form_one_linear_chain(_host, writers: 4, savesPerWriter: 5);

    [Fact]
    public Task Tampering_with_a_stored_entry_is_reported_at_its_sequence() => AuditScenarios.Tampering_with_a_stored_entry_is_reported_at_its_sequence(_host);

    [Fact]
    public Task Property_names_with_commas_brackets_and_quotes_verify() => AuditScenarios.Property_names_with_commas_brackets_and_quotes_verify(_host);
}
