using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>Turns off SQLite's fsync for the generated models' throw-away databases: the invariants are about what the
/// statements do, not about durability, and a hundred small databases per run would otherwise wait on the disk.</summary>
internal sealed class SqliteNoSync : DbConnectionInterceptor
{
    public static readonly SqliteNoSync Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Run(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Run(connection);
        return Task.CompletedTask;
    }

    private static void Run(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = OFF";
        command.ExecuteNonQuery();
    }
}
