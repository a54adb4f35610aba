using System.Text;
using DataGuard.Caching;
using DataGuard.Consent;
using DataGuard.Keys;
using DataGuard.Subjects;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.Tests.Caching;

public sealed class EncryptedCacheTests : IDisposable
{
    private static readonly byte[] Email = Encoding.UTF8.GetBytes("ana.silva@example.org");
    private static readonly DistributedCacheEntryOptions TenMinutes = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) };
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingCache _inner = new();
    private readonly ServiceProvider _services;

    public EncryptedCacheTests() => _services = Build(subjectKeys: false);

    private ServiceProvider Build(bool subjectKeys)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IDistributedCache>(_inner);
        services.AddDataGuard(o =>
            {
                o.Encryption.SubjectKeys = subjectKeys;
                o.Purposes.Add("marketing", notice: "v1");
            })
            .AddEncryptedCache();
        services.AddSingleton<IKeyStore>(new InMemoryKeyStore());
        services.AddSingleton<IConsentStore>(new InMemoryConsentStore());
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        return services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    private IDistributedCache Cache => _services.GetRequiredService<IDistributedCache>();

    private ISubjectCache Subjects => _services.GetRequiredService<ISubjectCache>();

    private bool InnerHoldsPlaintext() => _inner.Entries.Values.Any(e => e.Value.AsSpan().IndexOf(Email) >= 0)
        || _inner.Entries.Keys.Any(k => k.Contains("ana", StringComparison.Ordinal));

    [Fact]
    public async Task Entries_are_ciphertext_in_the_inner_cache_and_read_back_in_clear()
    {
        await Cache.SetAsync("profile:42", Email, TenMinutes);

        Assert.False(InnerHoldsPlaintext());
        Assert.Equal(Email, await Cache.GetAsync("profile:42"));
        Assert.Equal(Email, Cache.Get("profile:42"));
    }

    [Fact]
    public async Task An_entry_without_expiry_is_refused_and_nothing_is_stored()
    {
        var refused = await Assert.ThrowsAsync<DataGuardException>(() => Cache.SetAsync("profile:42", Email, new DistributedCacheEntryOptions()));
        Assert.Contains("has no expiry", refused.Message, StringComparison.Ordinal);
        Assert.Throws<DataGuardException>(() => Cache.Set("profile:42", Email, new DistributedCacheEntryOptions()));
        Assert.Empty(_inner.Entries);
    }

    [Fact]
    public async Task Expiry_is_capped_at_the_maximum_lifetime_even_for_sliding_entries()
    {
        await Cache.SetAsync("a", Email, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(30) });
        await Cache.SetAsync("b", Email, new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromDays(7) });
        await Cache.SetAsync("c", Email, TenMinutes);

        var latest = _clock.GetUtcNow().AddHours(24);
        Assert.Equal(latest, _inner.Entries["a"].Options.AbsoluteExpiration);
        Assert.Equal((latest, (TimeSpan?)TimeSpan.FromHours(24)),
            (_inner.Entries["b"].Options.AbsoluteExpiration, _inner.Entries["b"].Options.SlidingExpiration));
        Assert.Equal(_clock.GetUtcNow().AddMinutes(10), _inner.Entries["c"].Options.AbsoluteExpiration);
    }

    [Fact]
    public async Task An_entry_moved_to_another_key_or_tampered_with_reads_as_a_miss()
    {
        await Cache.SetAsync("profile:1", Email, TenMinutes);
        var stored = _inner.Entries["profile:1"];
        _inner.Entries["profile:2"] = stored;
        Assert.Null(await Cache.GetAsync("profile:2"));
        Assert.False(_inner.Entries.ContainsKey("profile:2")); // removed, not served again

        stored.Value[^1] ^= 1;
        Assert.Null(await Cache.GetAsync("profile:1"));
    }

    [Fact]
    public async Task A_subjects_entries_end_when_removed_and_no_other_subjects_do()
    {
        SubjectId ana = Guid.NewGuid(), ben = Guid.NewGuid();
        await Subjects.SetAsync(ana, "profile", Email, TenMinutes);
        await Subjects.SetAsync(ben, "profile", Email, TenMinutes);
        Assert.Equal(Email, await Subjects.GetAsync(ana, "profile"));
        Assert.DoesNotContain(_inner.Entries.Keys, k => k.Contains(ana.Value, StringComparison.OrdinalIgnoreCase));
        Assert.False(InnerHoldsPlaintext());

        await Subjects.RemoveSubjectAsync(ana);

        Assert.Null(await Subjects.GetAsync(ana, "profile"));
        Assert.Equal(Email, await Subjects.GetAsync(ben, "profile"));
    }

    [Fact]
    public async Task Withdrawing_consent_drops_the_subjects_cached_entries()
    {
        SubjectId ana = Guid.NewGuid();
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IConsentService>().GrantAsync(ana, "marketing");
        }

        await Subjects.SetAsync(ana, "segment", Email, TenMinutes);
        Assert.NotNull(await Subjects.GetAsync(ana, "segment"));

        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IConsentService>().WithdrawAsync(ana, "marketing");
        }

        Assert.Null(await Subjects.GetAsync(ana, "segment"));
    }

    [Fact]
    public async Task Shredding_a_subject_kills_cached_copies_encrypted_under_their_key()
    {
        using var services = Build(subjectKeys: true);
        var subjects = services.GetRequiredService<ISubjectCache>();
        SubjectId ana = Guid.NewGuid();
        await subjects.SetAsync(ana, "profile", Email, TenMinutes);
        Assert.Equal(Email, await subjects.GetAsync(ana, "profile"));

        // Keep a copy of the stored bytes and the epoch: even restored after the shred they must not decrypt.
        var snapshot = _inner.Entries.ToDictionary(e => e.Key, e => e.Value);
        await services.GetRequiredService<IKeyManager>().ShredAsync(ana);
        Assert.Null(await subjects.GetAsync(ana, "profile"));
        foreach (var (key, entry) in snapshot)
        {
            _inner.Entries[key] = entry;
        }

        Assert.Null(await subjects.GetAsync(ana, "profile"));
        await subjects.SetAsync(ana, "profile", Email, TenMinutes); // nothing of a shredded subject is cached again
        Assert.Null(await subjects.GetAsync(ana, "profile"));
    }

    [Fact]
    public void The_encrypted_cache_without_a_distributed_cache_stops_the_host_at_start_up_not_at_the_call()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().AddEncryptedCache();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.Contains("IDistributedCache, but none is registered", StringComparison.Ordinal));
    }

    [Fact]
    public void A_distributed_cache_registered_after_the_encrypted_cache_stops_the_host_instead_of_caching_in_clear()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDistributedCache>(new RecordingCache());
        services.AddDataGuard().AddEncryptedCache();
        services.AddSingleton<IDistributedCache>(new RecordingCache());
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.Contains("(RecordingCache) was registered after AddEncryptedCache()", StringComparison.Ordinal));
    }

    [Fact]
    public void The_encrypted_cache_added_twice_wraps_the_cache_once_and_passes_the_start_up_check()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDistributedCache>(_inner);
        services.AddDataGuard().AddEncryptedCache().AddEncryptedCache();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Single(services, d => d.ServiceType == typeof(IDistributedCache));
        Assert.Single(services, d => d.ImplementationInstance?.GetType().Name == "EncryptedCacheRegistrationValidator");
    }
}
