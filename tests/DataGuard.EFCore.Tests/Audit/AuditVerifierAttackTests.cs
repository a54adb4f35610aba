using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class AuditVerifierAttackTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_tail_truncated_below_a_signed_checkpoint_is_reported()
    {
        using var certificate = AuditVerifierAttackScenarios.CreateCertificate();
        await using var host = await AuditTestHost.SqliteAsync(_folder, o => o.CheckpointCertificate = certificate);
        await AuditVerifierAttackScenarios.A_tail_truncated_below_a_signed_checkpoint_is_reported(host);
    }

    [Fact]
    public async Task A_forged_unsigned_checkpoint_does_not_anchor_a_chain_whose_first_entries_were_deleted()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder);
        await AuditVerifierAttackScenarios.A_forged_unsigned_checkpoint_does_not_anchor_a_chain_whose_first_entries_were_deleted(host);
    }

    [Fact]
    public async Task A_stored_checkpoint_that_differs_from_its_entry_is_reported()
    {
        await using var host = await AuditTestHost.SqliteAsync(_folder);
        await AuditVerifierAttackScenarios.A_stored_checkpoint_that_differs_from_its_entry_is_reported(host);
    }

    [PostgresFact]
    public async Task A_tail_truncated_below_a_signed_checkpoint_is_reported_on_PostgreSQL()
    {
        using var certificate = AuditVerifierAttackScenarios.CreateCertificate();
        await using var host = await AuditTestHost.PostgresAsync(PostgresTestDatabase.ForNewDatabase("auditatk"), o => o.CheckpointCertificate = certificate);
        await AuditVerifierAttackScenarios.A_tail_truncated_below_a_signed_checkpoint_is_reported(host);
    }

    [PostgresFact]
    public async Task A_forged_unsigned_checkpoint_does_not_anchor_a_chain_whose_first_entries_were_deleted_on_PostgreSQL()
    {
        await using var host = await AuditTestHost.PostgresAsync(PostgresTestDatabase.ForNewDatabase("auditatk"));
        await AuditVerifierAttackScenarios.A_forged_unsigned_checkpoint_does_not_anchor_a_chain_whose_first_entries_were_deleted(host);
    }
}
