using System.Data.Common;

namespace DataGuard.Testing;

/// <summary>Names a fresh PostgreSQL database per test class, so that tests run in parallel without sharing state.</summary>
public static class PostgresTestDatabase
{
    public static string? AdminConnectionString => Environment.GetEnvironmentVariable("DATAGUARD_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    /// <summary>A connection string for a database that does not exist yet; EF Core's EnsureCreated creates it.</summary>
    public static string ForNewDatabase(string prefix)
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException("DATAGUARD_TEST_POSTGRES is not set.");
        var name = $"dg_{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 36)].ToLowerInvariant();
        return admin.TrimEnd(';') + ";Database=" + name;
    }

    /// <summary>Runs <paramref name="delete"/> (EF Core's EnsureDeleted of a test database), again up to four times
    /// while the server refuses it for a process of another role still on the database.</summary>
    public static async Task DeleteAsync(Func<Task> delete)
    {
        ArgumentNullException.ThrowIfNull(delete);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await delete();
                return;
            }
            catch (DbException ex) when (ex.SqlState == "42501" && attempt < 5)
            {
                // DROP DATABASE … WITH (FORCE) cannot end a server process of another role (autovacuum) still on it.
                await Task.Delay(200 * attempt);
            }
        }
    }
}
