using DataGuard.EFCore.Tests.Keys;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class SqliteSubjectBindingDowngradeTests
{
    [Fact]
    public async Task A_ring_key_value_in_a_subject_row_is_refused()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectBindingDowngradeScenarios.A_ring_key_value_in_a_subject_row_is_refused(database);
    }

    [Fact]
    public async Task A_ring_key_value_in_a_subject_row_is_read_in_migration_mode()
    {
        await using var database = new SqliteClinicDatabase();
        await SubjectBindingDowngradeScenarios.A_ring_key_value_in_a_subject_row_is_read_in_migration_mode(database);
    }
}
