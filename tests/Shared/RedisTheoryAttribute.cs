namespace DataGuard.Testing;

/// <summary>A theory that needs a Redis server (see <see cref="RedisFactAttribute"/>).</summary>
public sealed class RedisTheoryAttribute : TheoryAttribute
{
    public RedisTheoryAttribute()
    {
        if (RedisFactAttribute.Configuration is null)
        {
            Skip = "needs Redis: set DATAGUARD_TEST_REDIS to host:port (.ci/run does).";
        }
    }
}
