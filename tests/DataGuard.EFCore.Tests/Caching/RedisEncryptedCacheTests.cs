using System.Text;
using DataGuard.Caching;
using DataGuard.EFCore.Tests.Purposes;
using DataGuard.Subjects;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace DataGuard.EFCore.Tests.Caching;

/// <summary>The encrypted cache against a real Redis server, through Microsoft.Extensions.Caching.StackExchangeRedis and
/// HybridCache: what reaches Redis is ciphertext with a bounded TTL, and erasure leaves none of the subject's entries
/// readable.</summary>
public sealed class RedisEncryptedCacheTests : IDisposable
{
    private const string Notes = "asthma since 2019, allergic to penicillin";
    private readonly TempDirectory _folder = new();
    private readonly string _instance = $"dg-test-{Guid.NewGuid():N}:";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private ServiceProvider Build(bool subjectKeys)
    {
        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(o =>
        {
            o.Configuration = RedisFactAttribute.Configuration;
            o.InstanceName = _instance;
        });
        services.AddHybridCache();
        services.AddDataGuard(o => o.Encryption.SubjectKeys = subjectKeys)
            .AddEncryptedCache()
            .UseEntityFrameworkStores<PurposeClinicContext>();
        services.AddDbContext<PurposeClinicContext>((sp, o) => o.UseDataGuard(sp)
            .UseSqlite($"Data Source={_folder.File($"cache-{subjectKeys}.db")}")
            .ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning)));
        return services.BuildServiceProvider();
    }

    private async Task<List<(string Key, byte[] Value, TimeSpan? Ttl)>> RedisEntriesAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisFactAttribute.Configuration!);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var db = redis.GetDatabase();
        var entries = new List<(string, byte[], TimeSpan?)>();
        await foreach (var key in server.KeysAsync(pattern: _instance + "*"))
        {
            var type = await db.KeyTypeAsync(key);
            var value = type == RedisType.Hash ? (byte[]?)await db.HashGetAsync(key, "data") ?? [] : (byte[]?)await db.StringGetAsync(key) ?? [];
            entries.Add((key.ToString(), value, await db.KeyTimeToLiveAsync(key)));
        }

        return entries;
    }

    [RedisTheory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Redis_holds_only_ciphertext_with_bounded_ttls_and_erasure_leaves_nothing_readable(bool subjectKeys)
        => CacheAndEraseAsync(subjectKeys, checkHybridCacheAfterErasure: false);

    /// <summary>Through the real RedisCache: its first connection resolves HybridCache from the container, which (when
    /// HybridCache's constructor made that call) left the application and the subject cache with two HybridCache
    /// instances, so the tag removal never reached the application's (dotnet/aspnetcore#67904; about one run in five
    /// under load). <see cref="HybridCacheSharingTests"/> reproduces it on every run without a network.</summary>
    [RedisTheory]
    [InlineData(false)]
    [InlineData(true)]
    public Task After_erasure_a_subject_tagged_HybridCache_entry_is_recomputed(bool subjectKeys)
        => CacheAndEraseAsync(subjectKeys, checkHybridCacheAfterErasure: true);

    private async Task CacheAndEraseAsync(bool subjectKeys, bool checkHybridCacheAfterErasure)
    {
        await using var services = Build(subjectKeys);
        var patient = new CarePatient { Id = Guid.NewGuid(), Name = "Ana Silva", Email = "ana@example.org", Notes = Notes, BirthYear = 1980 };
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PurposeClinicContext>();
            await db.Database.EnsureCreatedAsync();
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
        }

        var subjects = services.GetRequiredService<ISubjectCache>();
        var hybrid = services.GetRequiredService<HybridCache>();
        var plain = Encoding.UTF8.GetBytes(Notes);
        await subjects.SetAsync(patient.Id, "chart", plain, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(30) });
        var fromHybrid = await hybrid.GetOrCreateAsync("chart-view:bed-7", _ => ValueTask.FromResult(Notes), tags: [subjects.TagFor(patient.Id)]);
        Assert.Equal(Notes, fromHybrid);

        // HybridCache writes its second level after returning the value, and a call for the same key joins that write
        // until it ends (stampede protection): wait for the entry to reach Redis, so the checks below see it and the
        // read after erasure starts a new call instead of joining the first one.
        static bool HoldsView((string Key, byte[] Value, TimeSpan? Ttl) e) => e.Key.EndsWith("chart-view:bed-7", StringComparison.Ordinal);
        var stored = await RedisEntriesAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !stored.Any(HoldsView) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(20);
            stored = await RedisEntriesAsync();
        }

        Assert.Contains(stored, HoldsView);
        Assert.All(stored, e =>
        {
            Assert.True(e.Value.AsSpan().IndexOf(plain) < 0, $"{e.Key} holds the value in clear");
            Assert.DoesNotContain(patient.Id.ToString("D"), e.Key, StringComparison.OrdinalIgnoreCase);
            Assert.True(e.Ttl is { } ttl && ttl > TimeSpan.Zero && ttl <= TimeSpan.FromHours(24), $"{e.Key} has TTL {e.Ttl}");
        });
        Assert.Equal(plain, await subjects.GetAsync(patient.Id, "chart"));

        var tagBefore = subjects.TagFor(patient.Id);
        await services.GetRequiredService<ISubjectRightsService>().EraseAsync(patient.Id);
        Assert.Equal(tagBefore, subjects.TagFor(patient.Id));

        Assert.Null(await subjects.GetAsync(patient.Id, "chart"));
        if (checkHybridCacheAfterErasure)
        {
            var afterErasure = await hybrid.GetOrCreateAsync("chart-view:bed-7", _ => ValueTask.FromResult("recomputed"), tags: [subjects.TagFor(patient.Id)]);
            Assert.Equal("recomputed", afterErasure);
        }
    }

    [RedisFact]
    public async Task An_entry_without_expiry_never_reaches_redis()
    {
        await using var services = Build(subjectKeys: false);
        var cache = services.GetRequiredService<IDistributedCache>();
        await Assert.ThrowsAsync<DataGuardException>(() => cache.SetAsync("forever", [1, 2, 3], new DistributedCacheEntryOptions()));
        Assert.Empty(await RedisEntriesAsync());
    }
}
