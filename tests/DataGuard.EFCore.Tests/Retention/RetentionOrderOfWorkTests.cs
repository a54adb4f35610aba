using DataGuard.EFCore.Tests.ModelBased;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>Retention's order of work (dependents before principals, from the model's foreign keys) and what its reports
/// count, on small models of the model-based pool (<see cref="ModelRoot"/> is the subject, <see cref="ModelBranchA"/> its
/// child, <see cref="ModelLeaf"/> a grandchild), each with explicit rows on SQLite. The dry run must say what the real run
/// then does, and the real run what the database did.</summary>
public sealed class RetentionOrderOfWorkTests
{
    private const int Old = 1000; // days: past every policy here
    private const int Recent = 200; // days: past 100-day policies, inside 500-day ones

    [Fact]
    public async Task Deleting_a_principal_counts_and_audits_the_rows_its_cascade_deletes_and_the_dry_run_predicts_them()
    {
        await RunAsync(
            subjectKeys: false,
            [Entity(ModelNode.Root, retention: new(100, RetentionAction.Delete, Minimum: false)), Entity(ModelNode.BranchA)],
            async host =>
            {
                var root = await AddRootAsync(host, Old);
                await AddBranchesAsync(host, root, Old, Old);

                var dry = await host.Retention.RunAsync(dryRun: true);
                var real = await host.Retention.RunAsync();

                foreach (var report in new[] { dry, real })
                {
                    var branches = report.Entities.Single(e => e.Entity == nameof(ModelBranchA));
                    Assert.Equal((2, 2), (branches.Purged, branches.PurgedByCascade));
                    Assert.Contains(branches.Reasons, r => r.Contains("cascade from ModelRoot", StringComparison.Ordinal));
                    Assert.Equal(1, report.Entities.Single(e => e.Entity == nameof(ModelRoot)).Purged);
                }

                Assert.Equal(0, await host.WithContextAsync(db => db.Set<ModelBranchA>().IgnoreQueryFilters().CountAsync()));
                Assert.Equal([2], host.Audit.BatchRows(nameof(ModelBranchA)));
            });
    }

    [Fact]
    public async Task A_principal_whose_delete_would_cascade_to_rows_a_retention_minimum_keeps_is_kept_and_counted_as_held()
    {
        await RunAsync(
            subjectKeys: false,
            [Entity(ModelNode.Root, retention: new(100, RetentionAction.Delete, Minimum: false)),
                Entity(ModelNode.BranchA, retention: new(500, RetentionAction.Delete, Minimum: true))],
            async host =>
            {
                var root = await AddRootAsync(host, Old);
                await AddBranchesAsync(host, root, Recent);

                var dry = await host.Retention.RunAsync(dryRun: true);
                var real = await host.Retention.RunAsync();

                foreach (var report in new[] { dry, real })
                {
                    var roots = report.Entities.Single(e => e.Entity == nameof(ModelRoot));
                    Assert.Equal((1L, 0L, 1L), (roots.Due, roots.Purged, roots.Held));
                    Assert.Contains(roots.Reasons, r => r.Contains("retention minimum", StringComparison.Ordinal));
                    Assert.DoesNotContain(report.Entities, e => e.Entity == nameof(ModelBranchA) && e.Purged > 0);
                }

                Assert.Equal(1, await host.WithContextAsync(db => db.Set<ModelBranchA>().CountAsync()));
                Assert.Equal(1, await host.WithContextAsync(db => db.Set<ModelRoot>().CountAsync()));
            });
    }

    [Fact]
    public async Task The_dry_run_predicts_that_a_chain_of_restricting_foreign_keys_is_deleted_dependents_first()
    {
        await RunAsync(
            subjectKeys: false,
            [
                Entity(ModelNode.Root),
                Entity(ModelNode.BranchA, onDelete: DeleteBehavior.Restrict, retention: new(100, RetentionAction.Delete, Minimum: false)),
                Entity(ModelNode.Leaf, onDelete: DeleteBehavior.Restrict, retention: new(100, RetentionAction.Delete, Minimum: false)),
            ],
            async host =>
            {
                var root = await AddRootAsync(host, Old);
                var branch = (await AddBranchesAsync(host, root, Old))[0];
                await host.AddAsync(new ModelLeaf { ParentId = branch.Id, CreatedAt = DaysAgo(host, Old) });

                var dry = await host.Retention.RunAsync(dryRun: true);
                var real = await host.Retention.RunAsync();

                foreach (var report in new[] { dry, real })
                {
                    Assert.False(report.HasErrors, string.Join("; ", report.Entities.SelectMany(e => e.Errors)));
                    Assert.Equal(1, report.Entities.Single(e => e.Entity == nameof(ModelLeaf)).Purged);
                    Assert.Equal(1, report.Entities.Single(e => e.Entity == nameof(ModelBranchA)).Purged);
                }

                Assert.Equal(0, await host.WithContextAsync(db => db.Set<ModelBranchA>().CountAsync()));
            });
    }

    [Fact]
    public async Task A_second_shredding_policy_clears_and_counts_the_rows_of_subjects_the_first_shredded_in_the_same_run()
    {
        await RunAsync(
            subjectKeys: true,
            [
                Entity(ModelNode.Root, retention: new(500, RetentionAction.Shred, Minimum: false)),
                Entity(ModelNode.BranchA, onDelete: DeleteBehavior.Restrict, link: SubjectLink.Own, retention: new(100, RetentionAction.Shred, Minimum: false)),
            ],
            async host =>
            {
                var root = await AddRootAsync(host, Old);
                await AddBranchesAsync(host, root, Old);

                var dry = await host.Retention.RunAsync(dryRun: true);
                var real = await host.Retention.RunAsync();

                foreach (var report in new[] { dry, real })
                {
                    Assert.Equal((1L, 1L),
                        (report.Entities.Single(e => e.Entity == nameof(ModelRoot)).Shredded,
                            report.Entities.Single(e => e.Entity == nameof(ModelBranchA)).Shredded));
                    Assert.Equal(1, report.Entities.Sum(e => e.SubjectsShredded));
                }

                // The root's name is stored in clear: destroying the key does not reach it, so shredding clears it.
                Assert.Equal("", await host.WithContextAsync(db => db.Set<ModelRoot>().Select(r => r.Name).SingleAsync()));
            });
    }

    [Fact]
    public async Task Shredding_anonymises_due_rows_without_a_subject_and_the_dry_run_says_so()
    {
        await RunAsync(
            subjectKeys: true,
            [Entity(ModelNode.Root),
                Entity(ModelNode.BranchA, required: false, onDelete: DeleteBehavior.SetNull, link: SubjectLink.Own, encrypt: true,
                    retention: new(100, RetentionAction.Shred, Minimum: false))],
            async host =>
            {
                await host.AddAsync(new ModelBranchA { RootRef = null, Name = "orphan", Email = "orphan@example.test", CreatedAt = DaysAgo(host, Old) });

                var dry = await host.Retention.RunAsync(dryRun: true);
                var real = await host.Retention.RunAsync();

                foreach (var report in new[] { dry, real })
                {
                    var branches = report.Entities.Single(e => e.Entity == nameof(ModelBranchA));
                    Assert.Equal((1L, 1L, 0L, 0L), (branches.Due, branches.Anonymized, branches.Shredded, branches.Held));
                    Assert.Contains(branches.Reasons, r => r.Contains("no subject", StringComparison.Ordinal));
                }

                var row = await host.WithContextAsync(db => db.Set<ModelBranchA>().AsNoTracking().SingleAsync());
                Assert.Equal(("", (string?)null), (row.Name, row.Email));
                Assert.Equal(0, (await host.Retention.RunAsync()).Anonymized); // marked: the next run does not count it again
            });
    }

    [Fact]
    public async Task Deleting_a_principal_first_anonymises_dependents_whose_encrypted_subject_column_it_sets_to_null()
    {
        await RunAsync(
            subjectKeys: true,
            [Entity(ModelNode.Root, retention: new(100, RetentionAction.Delete, Minimum: false)),
                Entity(ModelNode.BranchA, required: false, onDelete: DeleteBehavior.SetNull, link: SubjectLink.Own, encrypt: true)],
            async host =>
            {
                var root = await AddRootAsync(host, Old);
                await host.AddAsync(new ModelBranchA { RootRef = root.Id, Name = "kept", Email = "kept@example.test", Label = "stats",
                    CreatedAt = DaysAgo(host, Recent) });

                var dry = await host.Retention.RunAsync(dryRun: true);
                var real = await host.Retention.RunAsync();

                foreach (var report in new[] { dry, real })
                {
                    var branches = report.Entities.Single(e => e.Entity == nameof(ModelBranchA));
                    Assert.Equal((0L, 1L), (branches.Purged, branches.Anonymized));
                    Assert.Contains(branches.Reasons, r => r.Contains("subject column", StringComparison.Ordinal));
                }

                // Readable afterwards: no value is left encrypted under the key of a subject the row no longer names.
                var row = await host.WithContextAsync(db => db.Set<ModelBranchA>().AsNoTracking().SingleAsync());
                Assert.Equal(((Guid?)null, "", (string?)null, "stats"), (row.RootRef, row.Name, row.Email, row.Label));
            });
    }

    [Fact]
    public async Task A_hold_on_a_subject_keeps_due_rows_that_reach_the_subject_through_a_subject_path()
    {
        await RunAsync(
            subjectKeys: false,
            [Entity(ModelNode.Root), Entity(ModelNode.BranchA, onDelete: DeleteBehavior.Restrict, retention: new(100, RetentionAction.Delete, Minimum: false))],
            async host =>
            {
                var held = await AddRootAsync(host, Old);
                var other = await AddRootAsync(host, Old);
                await AddBranchesAsync(host, held, Old);
                await AddBranchesAsync(host, other, Old);
                await host.Holds.PlaceOnSubjectAsync(SubjectId.From(held.Id), "dispute", "legal");

                var dry = await host.Retention.RunAsync(dryRun: true);
                var real = await host.Retention.RunAsync();

                foreach (var report in new[] { dry, real })
                {
                    var branches = report.Entities.Single(e => e.Entity == nameof(ModelBranchA));
                    Assert.Equal((2L, 1L, 1L), (branches.Due, branches.Purged, branches.Held));
                }

                Assert.Equal(held.Id, await host.WithContextAsync(db => db.Set<ModelBranchA>().Select(b => b.RootId).SingleAsync()));
            });
    }

    private static EntitySpec Entity(ModelNode node, bool required = true, DeleteBehavior onDelete = DeleteBehavior.Cascade,
        SubjectLink link = SubjectLink.PathToRoot, bool encrypt = false, RetentionSpec? retention = null)
        => ModelSpec.Default(node) with { Required = required, OnDelete = onDelete, Link = link, Encrypt = encrypt, Retention = retention };

    private static async Task RunAsync(bool subjectKeys, EntitySpec[] entities, Func<ModelHost, Task> test)
    {
        var host = await ModelHost.StartAsync(new ModelSpec(entities, subjectKeys, Subjects: 1, RowsPerParent: 1, DataSeed: 0).Normalize(),
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

    private static DateTime DaysAgo(ModelHost host, int days) => host.Clock.GetUtcNow().UtcDateTime.AddDays(-days);

    private static async Task<ModelRoot> AddRootAsync(ModelHost host, int ageInDays)
    {
        var root = new ModelRoot { Id = Guid.NewGuid(), Name = "root", Email = "root@example.test", CreatedAt = DaysAgo(host, ageInDays) };
        await host.AddAsync(root);
        return root;
    }

    private static async Task<List<ModelBranchA>> AddBranchesAsync(ModelHost host, ModelRoot root, params int[] agesInDays)
    {
        var spec = host.Spec[ModelNode.BranchA];
        var branches = agesInDays.Select(age => new ModelBranchA { RootId = root.Id, RootRef = spec.Required ? null : root.Id, Name = "branch",
            Email = "branch@example.test", CreatedAt = DaysAgo(host, age) }).ToList();
        await host.AddAsync([.. branches]);
        return branches;
    }
}
