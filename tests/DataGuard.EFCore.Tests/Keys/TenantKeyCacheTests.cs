using DataGuard.Keys;
using DataGuard.Tenants.Keys;
using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>An instance keeps the keys of at most <c>Encryption.TenantKeyCacheSize</c> tenants in memory: the least
/// recently used tenant's keys are evicted, zeroed once no operation can hold them any more, and unwrapped again (through
/// the tenant's wrapper) on its next use.</summary>
public sealed class TenantKeyCacheTests : IDisposable
{
    private static readonly string[] Tenants = ["acme", "globex", "initech"];

    private readonly TempDirectory _folder = new();
    private readonly EphemeralDataProtectionProvider _dataProtection = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Beyond_the_bound_the_least_recently_used_tenants_keys_are_evicted_and_unwrapped_again_on_its_next_read()
    {
        var wrappers = Tenants.ToDictionary(t => t, t => new TenantKeyCountingWrapper(_dataProtection, t));
        await using var host = Start(cacheSize: 2, wrappers);
        var ids = new Dictionary<string, Guid>();
        foreach (var tenant in Tenants)
        {
            var customer = TenantKeyHost.NewCustomer($"ana@{tenant}.example");
            await host.AddAsync(tenant, customer);
            ids[tenant] = customer.Id;
        }

        Assert.Equal([1, 1, 1], Tenants.Select(t => wrappers[t].Unwraps)); // acme was evicted when initech came
        Assert.Equal("ana@acme.example", (await host.ReadAsync("acme", ids["acme"])).Email);
        Assert.Equal(2, wrappers["acme"].Unwraps);
        Assert.Equal("ana@acme.example", (await host.ReadAsync("acme", ids["acme"])).Email);
        Assert.Equal("ana@initech.example", (await host.ReadAsync("initech", ids["initech"])).Email);
        Assert.Equal([2, 1, 1], Tenants.Select(t => wrappers[t].Unwraps)); // acme and initech cached; globex evicted

        Assert.Equal("ana@globex.example", (await host.ReadAsync("globex", ids["globex"])).Email);
        Assert.Equal([2, 2, 1], Tenants.Select(t => wrappers[t].Unwraps));
    }

    [Fact]
    public async Task Evicted_tenant_keys_are_zeroed_once_no_operation_can_still_hold_them()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = Start(cacheSize: 1, wrappers: null, time);
        await host.AddAsync("acme", TenantKeyHost.NewCustomer("ana@acme.example"));
        var (kek, dataKey) = AcmeKeyBuffers(host);

        await host.AddAsync("globex", TenantKeyHost.NewCustomer("bob@globex.example")); // evicts acme
        Assert.False(IsZero(kek)); // an operation that looked acme's keys up just before may still use them
        Assert.False(IsZero(dataKey));
        time.Advance(TenantKeyCache<KeyEntry>.ReleaseDelay);
        await host.AddAsync("initech", TenantKeyHost.NewCustomer("cy@initech.example")); // evicts globex, releases acme

        Assert.True(IsZero(kek));
        Assert.True(IsZero(dataKey));
    }

    [Fact]
    public void A_tenant_key_cache_size_below_one_is_refused_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.Encryption.TenantKeyCacheSize = 0);
        using var provider = services.BuildServiceProvider();

        var failed = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DataGuardOptions>>().Value);
        Assert.Contains("Encryption.TenantKeyCacheSize is 0; it must be at least 1", failed.Message, StringComparison.Ordinal);
    }

    private TenantKeyHost Start(int cacheSize, Dictionary<string, TenantKeyCountingWrapper>? wrappers, TimeProvider? time = null)
    {
        var host = TenantKeyHost.Start(_ => $"Data Source={_folder.File("shared.db")};Pooling=False", postgres: false, _dataProtection, builder =>
        {
            builder.Services.Configure<DataGuardOptions>(o => o.Encryption.TenantKeyCacheSize = cacheSize);
            foreach (var (tenant, wrapper) in wrappers ?? [])
            {
                builder.UseTenantKeyWrapper(tenant, _ => wrapper);
            }

            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        host.CreateDatabaseAsync(null).GetAwaiter().GetResult();
        return host;
    }

    /// <summary>The buffers holding acme's unwrapped key-encryption key and active data key.</summary>
    private static (byte[] Kek, byte[] DataKey) AcmeKeyBuffers(TenantKeyHost host)
    {
        Assert.True(host.Services.GetRequiredService<TenantKeyEncryptionKeys>().TryGetCached("acme", out var keks));
        using (host.Tenants.Begin("acme"))
        {
            return (keks.Current.MaterialBuffer, host.Services.GetRequiredService<KeyRing>().ActiveKey.MaterialBuffer);
        }
    }

    private static bool IsZero(byte[] buffer) => buffer.All(static b => b == 0);
}
