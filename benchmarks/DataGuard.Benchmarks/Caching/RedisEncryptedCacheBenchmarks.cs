using BenchmarkDotNet.Attributes;
using DataGuard.Benchmarks.Encryption;
using DataGuard.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Benchmarks.Caching;

/// <summary>A cache hit of a 1 KiB entry on Redis (loopback) through DataGuard's encrypting decorator against the same
/// hit unencrypted (issue target: within 1.5x). Needs DATAGUARD_TEST_REDIS (host:port).</summary>
[MemoryDiagnoser]
public class RedisEncryptedCacheBenchmarks
{
    private static readonly DistributedCacheEntryOptions Hour = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) };
    private readonly byte[] _value = new byte[1024];
    private ServiceProvider _services = null!;
    private RedisCache _plain = null!;
    private IDistributedCache _encrypted = null!;

    [GlobalSetup]
    public void Setup()
    {
        var redis = Environment.GetEnvironmentVariable("DATAGUARD_TEST_REDIS")
            ?? throw new InvalidOperationException("Set DATAGUARD_TEST_REDIS to host:port.");
        var prefix = $"dg-bench-{Guid.NewGuid():N}:";
        Random.Shared.NextBytes(_value);
        _plain = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = redis, InstanceName = prefix + "plain:" }));
        _services = BenchmarkServices.Create(s =>
        {
            s.AddStackExchangeRedisCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = prefix + "encrypted:";
            });
            s.AddDataGuard().AddEncryptedCache();
        });
        _encrypted = _services.GetRequiredService<IDistributedCache>();
        _plain.Set("k", _value, Hour);
        _encrypted.Set("k", _value, Hour);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Remove("k");
        _encrypted.Remove("k");
        _plain.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<byte[]?> PlainHit() => _plain.GetAsync("k");

    [Benchmark]
    public Task<byte[]?> EncryptedHit() => _encrypted.GetAsync("k");
}
