using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Encryption;

/// <summary>An application on <see cref="SearchContext"/>, on a fresh SQLite file or PostgreSQL database.</summary>
internal sealed class SearchHost : DataGuardTestHost<SearchContext>
{
    private SearchHost(Parts parts)
        : base(parts)
    {
    }

    public static Task<SearchHost> SqliteAsync(TempDirectory folder, Action<DataGuardOptions>? configure = null)
        => StartAsync(new Setup(o => o.UseSqlite($"Data Source={folder.File("search.db")}")) { Configure = configure }, static parts => new SearchHost(parts));

    public static Task<SearchHost> PostgresAsync(Action<DataGuardOptions>? configure = null)
    {
        var connection = PostgresTestDatabase.ForNewDatabase("search");
        return StartAsync(new Setup(o => o.UseNpgsql(connection)) { Configure = configure }, static parts => new SearchHost(parts));
    }
}
