using DataGuard.Audit;
using DataGuard.EFCore.Leases;
using DataGuard.EFCore.Tests.ModelBased;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>A shredding policy works its batches on the same lease loop as every other job: it stops when its lease is
/// lost between batches, and it names the policy it applied (a configured override included). On a model of the
/// model-based pool: <see cref="ModelBranchA"/> rows, shredded after 100 days, some without a subject.</summary>
public sealed class RetentionShredLeaseTests
{
    [Fact]
    public async Task Shredding_stops_anonymising_rows_without_a_subject_once_another_instance_took_its_lease_over()
    {
        await RunAsync(async host =>
        {
            await AddOrphansAsync(host, 4);
            Options(host).Retention.BatchSize = 1;
            var stolen = false;
            host.Audit.OnRecord = e =>
            {
                if (e.Action != AuditActions.RetentionBatch || stolen)
                {
                    return;
                }

                // After the first batch this instance stalls past its lease: another instance takes it over, and the
                // heartbeat's next beat finds it taken.
                stolen = true;
                using var scope = host.Services.CreateScope();
                scope.ServiceProvider.GetRequiredService<ModelContext>().Set<LeaseRecord>().ExecuteUpdate(s => s.SetProperty(l => l.Holder, "other-instance"));
                host.Clock.Advance(Options(host).Retention.LeaseDuration / 3);
            };

            var report = await host.Retention.RunAsync();

            var branches = report.Entities.Single(e => e.Entity == nameof(ModelBranchA));
            Assert.Contains(branches.Errors, error => error.Contains("lost the retention lease", StringComparison.Ordinal));
            Assert.Equal(1, branches.Anonymized);
            var rows = await host.WithContextAsync(db => db.Set<ModelBranchA>().AsNoTracking().ToListAsync());
            Assert.Equal(3, rows.Count(b => b.Name == "orphan")); // the rest is left to the instance that took the lease over
        });
    }

    [Fact]
    public async Task A_configured_override_of_a_shredding_policy_is_the_policy_its_report_and_audit_name()
    {
        await RunAsync(async host =>
        {
            await AddOrphansAsync(host, 1);
            Options(host).Retention.Overrides[nameof(ModelBranchA)] = 50;

            var report = await host.Retention.RunAsync();

            var branches = report.Entities.Single(e => e.Entity == nameof(ModelBranchA));
            Assert.Equal((50, 1L), (branches.Policy.Days, branches.Anonymized));
            Assert.Contains(host.Audit.Batches, e => e.EntityType == nameof(ModelBranchA) && e.Details!.Contains("(50 days from", StringComparison.Ordinal));
        });
    }

    /// <summary>The options the host's services read (changed here before a run, as configuration reloads would).</summary>
    private static DataGuardOptions Options(ModelHost host) => host.Services.GetRequiredService<IOptionsMonitor<DataGuardOptions>>().CurrentValue;

    private static Task AddOrphansAsync(ModelHost host, int count)
    {
        var old = host.Clock.GetUtcNow().UtcDateTime.AddDays(-1000);
        return host.AddAsync([.. Enumerable.Range(0,
            count).Select(_ => new ModelBranchA { RootRef = null, Name = "orphan", Email = "orphan@example.test", CreatedAt = old })]);
    }

    private static async Task RunAsync(Func<ModelHost, Task> test)
    {
        EntitySpec[] entities =
        [
            ModelSpec.Default(ModelNode.Root),
            ModelSpec.Default(ModelNode.BranchA) with { Required = false, OnDelete = DeleteBehavior.SetNull, Link = SubjectLink.Own, Encrypt = true,
                Retention = new(100, RetentionAction.Shred, Minimum: false) },
        ];
        var host = await ModelHost.StartAsync(new ModelSpec(entities, SubjectKeys: true, Subjects: 1, RowsPerParent: 1, DataSeed: 0).Normalize(),
            ModelProvider.Sqlite);
        try
        {
            await test(host);
        }
        finally
        {
            await host.DropAsync();
        }
    }
}
