using DataGuard.Audit;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.EFCore.Audit;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class AddAuditingTests
{
    [Fact]
    public void Auditing_replaces_the_discarding_trail_but_keeps_an_applications_own()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataGuard().UseEntityFrameworkStores<ShopContext>().AddAuditing();
        using (var provider = services.BuildServiceProvider())
        {
            Assert.IsType<EntityFrameworkAuditTrail>(provider.GetRequiredService<IAuditTrail>());
        }

        var own = new ServiceCollection();
        own.AddSingleton<IAuditTrail, OwnTrail>();
        own.AddDataGuard().UseEntityFrameworkStores<ShopContext>().AddAuditing();
        using var ownProvider = own.BuildServiceProvider();
        Assert.IsType<OwnTrail>(ownProvider.GetRequiredService<IAuditTrail>());
    }

    [Fact]
    public void Invalid_audit_options_stop_the_host_with_every_problem()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().UseEntityFrameworkStores<ShopContext>().AddAuditing(o => { o.ReadBatchSize = 0; o.ReadQueueCapacity = -1; });
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuditOptions>>().Value);
        Assert.Equal(2, ex.Failures.Count());
    }

    [Fact]
    public void Masked_values_without_masking_stop_the_host_with_the_call_to_add()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().UseEntityFrameworkStores<ShopContext>().AddAuditing(o => o.RecordMaskedValues = true);
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuditOptions>>().Value);
        Assert.Contains("AddMasking()", Assert.Single(ex.Failures), StringComparison.Ordinal);

        var masked = new ServiceCollection();
        masked.AddDataGuard().AddMasking().UseEntityFrameworkStores<ShopContext>().AddAuditing(o => o.RecordMaskedValues = true);
        using var maskedProvider = masked.BuildServiceProvider();
        Assert.True(maskedProvider.GetRequiredService<IOptions<AuditOptions>>().Value.RecordMaskedValues);
    }

    [Fact]
    public async Task A_retrying_execution_strategy_is_refused_with_the_pattern_to_use()
    {
        using var folder = new TempDirectory();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataGuard().UseEntityFrameworkStores<ShopContext>().AddAuditing();
        services.AddDbContext<ShopContext>((sp, o) => o
            .UseSqlite($"Data Source={folder.File("retry.db")};Pooling=False", s => s.ExecutionStrategy(d => new RetryingStrategy(d)))
            .UseDataGuard(sp)
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning)));
        await using var provider = services.BuildServiceProvider();
        await using var db = provider.GetRequiredService<ShopContext>();
        await db.Database.EnsureCreatedAsync();

        db.Add(AuditScenarios.NewCustomer());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("strategy.ExecuteAsync", ex.Message, StringComparison.Ordinal);

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });
        Assert.Equal(1, await db.Set<AuditEntryRecord>().CountAsync());
    }

    private sealed class OwnTrail : IAuditTrail
    {
        public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private sealed class RetryingStrategy(ExecutionStrategyDependencies dependencies) : ExecutionStrategy(dependencies, 3, TimeSpan.FromMilliseconds(1))
    {
        protected override bool ShouldRetryOn(Exception exception) => false;
    }
}
