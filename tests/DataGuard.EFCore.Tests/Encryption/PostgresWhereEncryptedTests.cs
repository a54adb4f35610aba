using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Encryption;

public sealed class PostgresWhereEncryptedTests
{
    [PostgresFact]
    public async Task Filters_a_query_after_Where_and_Include()
    {
        await using var host = await SearchHost.PostgresAsync();
        try
        {
            await WhereEncryptedScenarios.Filters_a_query_after_Where_and_Include(host);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
        }
    }

    [PostgresFact]
    public async Task Follows_a_reference_navigation()
    {
        await using var host = await SearchHost.PostgresAsync();
        try
        {
            await WhereEncryptedScenarios.Follows_a_reference_navigation(host);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
        }
    }

    [PostgresFact]
    public async Task Works_inside_a_subquery()
    {
        await using var host = await SearchHost.PostgresAsync();
        try
        {
            await WhereEncryptedScenarios.Works_inside_a_subquery(host);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
        }
    }

    [PostgresFact]
    public async Task Keeps_the_query_filter_unless_the_query_ignores_it()
    {
        await using var host = await SearchHost.PostgresAsync();
        try
        {
            await WhereEncryptedScenarios.Keeps_the_query_filter_unless_the_query_ignores_it(host);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
        }
    }

    [PostgresFact]
    public async Task Refuses_a_property_that_is_not_searchable_or_not_a_property()
    {
        await using var host = await SearchHost.PostgresAsync();
        try
        {
            await WhereEncryptedScenarios.Refuses_a_property_that_is_not_searchable_or_not_a_property(host);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
        }
    }

    [PostgresFact]
    public async Task With_subject_keys_searches_with_the_rings_blind_index_key()
    {
        await using var host = await SearchHost.PostgresAsync(static o => o.Encryption.SubjectKeys = true);
        try
        {
            await WhereEncryptedScenarios.With_subject_keys_searches_with_the_rings_blind_index_key(host);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await host.WithContextAsync(db => db.Database.EnsureDeletedAsync());
        }
    }
}
