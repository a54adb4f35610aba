using DataGuard.Retention;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>An application on a generated model, wired as a user would (EF Core stores, auditing, subject keys when the
/// model says so), on a fake clock, over a database of its own: a SQLite file, or a new PostgreSQL database that is
/// dropped afterwards.</summary>
internal sealed class ModelHost : DataGuardTestHost<ModelContext>
{
    private TempDirectory? _folder;
    private string? _sqlite;
    private string? _postgres;

    private ModelHost(Parts parts)
        : base(parts)
    {
    }

    public ModelSpec Spec => Services.GetRequiredService<ModelSpec>();

    public ModelProvider Provider { get; private set; }

    public ISubjectRightsService Subjects => Services.GetRequiredService<ISubjectRightsService>();

    public IRetentionService Retention => Services.GetRequiredService<IRetentionService>();

    public static async Task<ModelHost> StartAsync(ModelSpec spec, ModelProvider provider)
    {
        TempDirectory? folder = null;
        string? postgres = null;
        Action<DbContextOptionsBuilder> database;
        if (provider == ModelProvider.Sqlite)
        {
            folder = new TempDirectory();
            var connectionString = $"Data Source={folder.File("model.db")}";
            database = o => o.UseSqlite(connectionString).ConfigureWarnings(Quiet).AddInterceptors(SqliteNoSync.Instance);
        }
        else
        {
            postgres = PostgresTestDatabase.ForNewDatabase("mb");
            var connectionString = postgres;
            database = o => o.UseNpgsql(connectionString).ConfigureWarnings(Quiet);
        }

        var host = await StartAsync(
            new Setup(database)
            {
                Configure = o => o.Encryption.SubjectKeys = spec.SubjectKeys,
                DataGuard = static b => b.AddAuditing(),
                Register = s => s.AddSingleton(spec),
            },
            static parts => new ModelHost(parts));
        host._folder = folder;
        host._postgres = postgres;
        host._sqlite = provider == ModelProvider.Sqlite ? $"Data Source={folder!.File("model.db")}" : null;
        host.Provider = provider;
        return host;
    }

    /// <summary>Each case builds a host of its own, so EF Core builds many internal service providers by design; the model
    /// warnings a generated shape may raise (a required navigation to a filtered principal) are what an application sees.</summary>
    private static void Quiet(WarningsConfigurationBuilder w)
        => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning, CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning);

    public async Task<SubjectExportPackage> ExportAsync(Guid subject)
    {
        using var buffer = new MemoryStream();
        await Subjects.ExportAsync(SubjectId.From(subject), buffer);
        buffer.Position = 0;
        return await SubjectExportPackage.ReadAsync(buffer);
    }

    public async Task DropAsync()
    {
        if (_postgres is not null)
        {
            // A plain DROP DATABASE from the admin database: it cancels an autovacuum worker still on the new database,
            // where EF Core's DROP ... WITH (FORCE) fails unless the role may signal the worker.
            await using (var connection = new Npgsql.NpgsqlConnection(_postgres))
            {
                Npgsql.NpgsqlConnection.ClearPool(connection);
            }

            var name = new Npgsql.NpgsqlConnectionStringBuilder(_postgres).Database;
            await using var admin = new Npgsql.NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\"";
            await drop.ExecuteNonQueryAsync();
        }

        await DisposeAsync();
        if (_folder is not null)
        {
            // Only this database's pooled connections, so that the file can go.
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_sqlite))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
            }

            _folder.Dispose();
        }
    }
}
