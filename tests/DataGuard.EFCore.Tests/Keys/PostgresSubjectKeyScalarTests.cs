using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>Each test its own PostgreSQL database, dropped afterwards.</summary>
public sealed class PostgresSubjectKeyScalarTests : IAsyncLifetime
{
    private readonly string? _connection = PostgresTestDatabase.AdminConnectionString is null ? null : PostgresTestDatabase.ForNewDatabase("subjectscalars");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await using var db = new InpatientContext(new DbContextOptionsBuilder<InpatientContext>().UseNpgsql(_connection).ConfigureWarnings(
                static w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning)).Options);
            Npgsql.NpgsqlConnection.ClearAllPools();
            await db.Database.EnsureDeletedAsync();
        }
    }

    private void Database(DbContextOptionsBuilder options) => options.UseNpgsql(_connection!);

    [PostgresFact]
    public Task Scalars_under_subject_keys_save_read_and_change() => SubjectKeyScalarScenarios.Scalars_under_subject_keys_save_read_and_change(Database);

    [PostgresFact]
    public Task Scalars_under_subject_keys_export_and_erase() => SubjectKeyScalarScenarios.Scalars_under_subject_keys_export_and_erase(Database);

    [PostgresFact]
    public Task Scalars_under_subject_keys_are_shredded() => SubjectKeyScalarScenarios.Scalars_under_subject_keys_are_shredded(Database);

    [PostgresFact]
    public Task Scalars_written_on_the_ring_read_under_subject_keys_and_the_reencryption_job_moves_them()
        => SubjectKeyScalarScenarios.Scalars_written_on_the_ring_read_under_subject_keys_and_the_reencryption_job_moves_them(Database);
}
