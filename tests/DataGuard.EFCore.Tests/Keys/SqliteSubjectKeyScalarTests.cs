using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Keys;

public sealed class SqliteSubjectKeyScalarTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private void Database(DbContextOptionsBuilder options) => options.UseSqlite($"Data Source={_folder.File("inpatients.db")}");

    [Fact]
    public Task Scalars_under_subject_keys_save_read_and_change() => SubjectKeyScalarScenarios.Scalars_under_subject_keys_save_read_and_change(Database);

    [Fact]
    public Task Scalars_under_subject_keys_export_and_erase() => SubjectKeyScalarScenarios.Scalars_under_subject_keys_export_and_erase(Database);

    [Fact]
    public Task Scalars_under_subject_keys_are_shredded() => SubjectKeyScalarScenarios.Scalars_under_subject_keys_are_shredded(Database);

    [Fact]
    public Task Scalars_written_on_the_ring_read_under_subject_keys_and_the_reencryption_job_moves_them()
        => SubjectKeyScalarScenarios.Scalars_written_on_the_ring_read_under_subject_keys_and_the_reencryption_job_moves_them(Database);
}
