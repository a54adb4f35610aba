using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class SqliteWhereEncryptedTests
{
    [Fact]
    public async Task Filters_a_query_after_Where_and_Include()
    {
        using var folder = new TempDirectory();
        await using var host = await SearchHost.SqliteAsync(folder);
        try
        {
            await WhereEncryptedScenarios.Filters_a_query_after_Where_and_Include(host);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task Follows_a_reference_navigation()
    {
        using var folder = new TempDirectory();
        await using var host = await SearchHost.SqliteAsync(folder);
        try
        {
            await WhereEncryptedScenarios.Follows_a_reference_navigation(host);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task Works_inside_a_subquery()
    {
        using var folder = new TempDirectory();
        await using var host = await SearchHost.SqliteAsync(folder);
        try
        {
            await WhereEncryptedScenarios.Works_inside_a_subquery(host);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task Keeps_the_query_filter_unless_the_query_ignores_it()
    {
        using var folder = new TempDirectory();
        await using var host = await SearchHost.SqliteAsync(folder);
        try
        {
            await WhereEncryptedScenarios.Keeps_the_query_filter_unless_the_query_ignores_it(host);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task Refuses_a_property_that_is_not_searchable_or_not_a_property()
    {
        using var folder = new TempDirectory();
        await using var host = await SearchHost.SqliteAsync(folder);
        try
        {
            await WhereEncryptedScenarios.Refuses_a_property_that_is_not_searchable_or_not_a_property(host);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task With_subject_keys_searches_with_the_rings_blind_index_key()
    {
        using var folder = new TempDirectory();
        await using var host = await SearchHost.SqliteAsync(folder, static o => o.Encryption.SubjectKeys = true);
        try
        {
            await WhereEncryptedScenarios.With_subject_keys_searches_with_the_rings_blind_index_key(host);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
