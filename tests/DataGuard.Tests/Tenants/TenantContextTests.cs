using DataGuard.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataGuard.Tests.Tenants;

public sealed class TenantContextTests
{
    private readonly TenantContext _tenants = new(NullLogger<TenantContext>.Instance);

    [Fact]
    public void AddDataGuard_registers_one_tenant_context()
    {
        using var services = new ServiceCollection().AddDataGuard().Services.BuildServiceProvider();

        Assert.Same(services.GetRequiredService<ITenantContext>(), services.GetRequiredService<ITenantContext>());
    }

    [Fact]
    public void Require_tenant_fails_clearly_when_no_tenant_is_set()
    {
        Assert.Null(_tenants.Current);

        var failed = Assert.Throws<TenantRequiredException>(() => _tenants.RequireTenant());

        Assert.Contains("needs a tenant, and none is set", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Begin_sets_the_tenant_until_the_scope_is_disposed()
    {
        using (_tenants.Begin("acme"))
        {
            Assert.Equal(("acme", "acme"), (_tenants.Current, _tenants.RequireTenant()));
        }

        Assert.Null(_tenants.Current);
    }

    [Fact]
    public void A_scope_for_another_tenant_inside_an_open_one_is_refused()
    {
        using var acme = _tenants.Begin("acme");

        var refused = Assert.Throws<TenantMismatchException>(() => _tenants.Begin("globex"));

        Assert.Equal(("acme", "globex"), (refused.Current, refused.Requested));
        Assert.Equal("acme", _tenants.Current);
    }

    [Fact]
    public void A_nested_scope_for_the_same_tenant_leaves_the_tenant_current_after_it_ends()
    {
        using var outer = _tenants.Begin("acme");
        using (_tenants.Begin("acme"))
        {
            Assert.Equal("acme", _tenants.Current);
        }

        Assert.Equal("acme", _tenants.Current);
    }

    [Fact]
    public void Disposing_an_outer_scope_ends_the_scopes_opened_inside_it_and_a_second_dispose_does_nothing()
    {
        var outer = _tenants.Begin("acme");
        var inner = _tenants.Begin("acme");

        outer.Dispose();
        Assert.Null(_tenants.Current);
        inner.Dispose();
        outer.Dispose();
        Assert.Null(_tenants.Current);

        using var next = _tenants.Begin("globex"); // the flow is free for another tenant
        Assert.Equal("globex", _tenants.Current);
    }

    [Fact]
    public async Task Concurrent_flows_each_see_their_own_tenant()
    {
        using var gate = new Barrier(2);
        async Task<string?> Work(string tenant)
        {
            await Task.Yield();
            using (_tenants.Begin(tenant))
            {
                gate.SignalAndWait(TimeSpan.FromSeconds(10)); // both scopes are open at once
                await Task.Yield();
                return _tenants.Current;
            }
        }

        var results = await Task.WhenAll(Task.Run(() => Work("acme")), Task.Run(() => Work("globex")));

        Assert.Equal(new string?[] { "acme", "globex" }, results);
        Assert.Null(_tenants.Current);
    }

    [Fact]
    public async Task The_scope_flows_into_awaited_calls_and_child_tasks()
    {
        using (_tenants.Begin("acme"))
        {
            await Task.Yield();
            Assert.Equal("acme", await Task.Run(() => _tenants.Current));
        }
    }

    [Fact]
    public async Task A_scope_opened_inside_an_async_method_ends_for_its_caller()
    {
        async Task OpenInside()
        {
            await Task.Yield();
            _ = _tenants.Begin("acme"); // never disposed: the flow's copy ends with the method
        }

        await OpenInside();

        Assert.Null(_tenants.Current);
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("a")]
    [InlineData("eu-west.acme_2")]
    [InlineData("3f2b1c8e-0d9a-4c35-9a51-2f4d8e7b6a10")]
    public void Valid_tenant_ids_are_accepted(string id)
    {
        using (_tenants.Begin(id))
        {
            Assert.Equal(id, _tenants.Current);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("acme.")]
    [InlineData("ac me")]
    [InlineData("acme/../globex")]
    [InlineData("ácme")]
    [InlineData("acme\n")]
    public void Invalid_tenant_ids_are_refused_without_echoing_them(string id)
    {
        var refused = Assert.Throws<ArgumentException>(() => _tenants.Begin(id));

        Assert.StartsWith(TenantIds.Rule, refused.Message, StringComparison.Ordinal);
        Assert.Null(_tenants.Current);
    }

    [Fact]
    public void A_tenant_id_longer_than_64_characters_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _tenants.Begin(new string('a', 65)));
        using var longest = _tenants.Begin(new string('a', 64));
    }
}
