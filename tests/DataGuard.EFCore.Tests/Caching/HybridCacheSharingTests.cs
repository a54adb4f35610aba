using DataGuard.Caching;
using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Subjects;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tests.Caching;

/// <summary>
/// The application and DataGuard's subject cache must hold the same <see cref="HybridCache"/>, or erasure's tag removal
/// reaches an instance the application never reads from. RedisCache resolves HybridCache from the container on its first
/// connection; when HybridCache's own constructor makes that first call synchronously, the container built a second
/// singleton (dotnet/aspnetcore#67904). This test makes the first call resolve HybridCache the same way, with no
/// network, so the re-entry happens on every run rather than one run in five under load.
/// </summary>
public sealed class HybridCacheSharingTests
{
    [Fact]
    public async Task Erasure_reaches_the_application_HybridCache_when_the_inner_cache_resolves_HybridCache_on_first_use()
    {
        await using var services = Build();
        // Keys first, so the encrypted cache reaches the inner cache on the caller's stack as it does with a warm ring.
        await services.GetRequiredService<FieldEncryptor>().EnsureReadyAsync(CancellationToken.None);

        var subjects = services.GetRequiredService<ISubjectCache>(); // creates HybridCache as a constructor argument
        var hybrid = services.GetRequiredService<HybridCache>();    // what an endpoint or GetService caller gets
        var inner = (ResolvingCache)((EncryptedDistributedCache)services.GetRequiredService<IDistributedCache>()).Inner;
        // HybridCache's constructor starts the first call; off the caller's stack it may still be running.
        Assert.True(await inner.FirstCallResolvedHybridCache.WaitAsync(TimeSpan.FromSeconds(10)));

        var tag = subjects.TagFor(new SubjectId("patient-7"));
        Assert.Equal("chart", await hybrid.GetOrCreateAsync("chart-view", _ => ValueTask.FromResult("chart"), tags: [tag]));

        await subjects.RemoveSubjectAsync(new SubjectId("patient-7"));

        Assert.Equal("recomputed", await hybrid.GetOrCreateAsync("chart-view", _ => ValueTask.FromResult("recomputed"), tags: [tag]));
    }

    private static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDistributedCache>(sp => new ResolvingCache(sp));
        services.AddHybridCache();
        services.AddDataGuard().AddEncryptedCache();
        services.AddSingleton<IKeyStore>(new InMemoryKeyStore());
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        return services.BuildServiceProvider();
    }

    /// <summary>An in-memory second level that, like RedisCache preparing its first connection, asks the container for
    /// HybridCache inside its first call.</summary>
    private sealed class ResolvingCache(IServiceProvider services) : IDistributedCache
    {
        private readonly MemoryDistributedCache _store = new(Options.Create(new MemoryDistributedCacheOptions()));
        private readonly TaskCompletionSource<bool> _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public Task<bool> FirstCallResolvedHybridCache => _firstCall.Task;

        public byte[]? Get(string key) => _store.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            FirstCall();
            return _store.GetAsync(key, token);
        }

        public void Refresh(string key) => _store.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _store.RefreshAsync(key, token);

        public void Remove(string key) => _store.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default)
        {
            FirstCall();
            return _store.RemoveAsync(key, token);
        }

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => _store.Set(key, value, options);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            FirstCall();
            return _store.SetAsync(key, value, options, token);
        }

        private void FirstCall()
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                _firstCall.SetResult(services.GetService<HybridCache>() is not null);
            }
        }
    }
}
