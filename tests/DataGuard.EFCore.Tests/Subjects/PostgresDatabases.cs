using DataGuard.Testing;
using Npgsql;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>The PostgreSQL databases of one test class, a new one per host, dropped when the class is done.</summary>
internal sealed class PostgresDatabases
{
    private readonly List<string> _names = [];

    /// <summary>The connection string of a new database whose name starts with <paramref name="prefix"/>.</summary>
    public string New(string prefix)
    {
        var connectionString = PostgresTestDatabase.ForNewDatabase(prefix);
        _names.Add(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        return connectionString;
    }

    public async Task DropAllAsync()
    {
        if (_names.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(
            PostgresTestDatabase.AdminConnectionString) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        foreach (var database in _names)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
