using DataGuard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Tenants.Residency;

/// <summary>A context's region is checked when its options are built: one of the declared regions, spelled as one.</summary>
public sealed class ContextRegionTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task A_context_of_an_undeclared_region_is_refused_before_it_is_used()
    {
        var refused = await Assert.ThrowsAsync<DataGuardException>(() => StartAsync("ap"));

        Assert.Contains("'ap'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'eu', 'us'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_context_region_without_residency_on_is_refused()
    {
        var refused = await Assert.ThrowsAsync<DataGuardException>(() => StartAsync("eu", residency: false));

        Assert.Contains("residency is off", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_spelled_otherwise_is_refused()
    {
        var options = new DbContextOptionsBuilder();
        var services = new ServiceCollection();
        services.AddDataGuard(o => o.Residency.Regions.Add("eu"));
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<ArgumentException>(() => options.UseDataGuard(provider, d => d.Region("EU")));

        Assert.Equal("region", refused.ParamName);
    }

    private async Task StartAsync(string region, bool residency = true)
    {
        await using var host = await ResidencyHost.StartAsync(
            o => o.UseSqlite($"Data Source={_folder.File("app.db")}"),
            region,
            new EphemeralDataProtectionProvider(),
            o =>
            {
                if (!residency)
                {
                    o.Residency.Regions.Clear();
                    o.Residency.Tenants.Clear();
                }
            });
    }

    public void Dispose() => _folder.Dispose();
}
