namespace DataGuard.Testing;

/// <summary>A test that needs a Redis server: skipped, with the reason, unless DATAGUARD_TEST_REDIS names one
/// (host:port; .ci/run starts redis-server from Debian's packages and sets it).</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (Configuration is null)
        {
            Skip = "needs Redis: set DATAGUARD_TEST_REDIS to host:port (.ci/run does).";
        }
    }

    public static string? Configuration => Environment.GetEnvironmentVariable("DATAGUARD_TEST_REDIS") is { Length: > 0 } value ? value : null;
}
