using DataGuard.EFCore.Tests.Keys;
using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class PostgresSubjectBindingDowngradeTests
{
    [PostgresFact]
    public async Task A_ring_key_value_in_a_subject_row_is_refused()
    {
        await using var database = new PostgresClinicDatabase();
        await SubjectBindingDowngradeScenarios.A_ring_key_value_in_a_subject_row_is_refused(database);
    }

    [PostgresFact]
    public async Task A_ring_key_value_in_a_subject_row_is_read_in_migration_mode()
    {
        await using var database = new PostgresClinicDatabase();
        await SubjectBindingDowngradeScenarios.A_ring_key_value_in_a_subject_row_is_read_in_migration_mode(database);
    }
}
