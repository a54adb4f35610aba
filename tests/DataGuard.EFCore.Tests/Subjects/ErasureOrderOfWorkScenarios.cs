using DataGuard.EFCore.Tests.Consent;
using DataGuard.EFCore.Tests.ModelBased;
using DataGuard.Model;
using DataGuard.Subjects;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>
/// Erasure's order of work, on the model-based tests' entities (<see cref="ModelRoot"/> the subject, <see cref="ModelBranchA"/>
/// under it, <see cref="ModelLeaf"/> under that): every row of the subject is counted before anything is written; rows
/// that stay (kept, anonymised, shredded) keep every principal they refer to, up the whole chain of foreign keys, so no
/// cascade deletes them and no restricting key refuses the delete; and the report counts what the database did.
/// </summary>
public abstract class ErasureOrderOfWorkScenarios
{
    private static readonly DateTime Now = DataGuardTestHost<ModelContext>.Start.UtcDateTime;

    private protected abstract ModelProvider Provider { get; }

    private static ModelSpec Spec(bool subjectKeys, params EntitySpec[] entities)
        => new ModelSpec(entities, subjectKeys, Subjects: 1, RowsPerParent: 1, DataSeed: 0).Normalize();

    private static EntitySpec Entity(ModelNode node) => ModelSpec.Default(node) with { Encrypt = true };

    private static T Row<T>(T row, string tag, int ageInDays = 5)
        where T : ModelRow
    {
        row.Name = "n-" + tag;
        row.Email = "e-" + tag + "@x.test";
        row.Label = "l-" + tag;
        row.CreatedAt = Now.AddDays(-ageInDays);
        return row;
    }

    private async Task<ErasureReport> EraseAsync(ModelSpec spec, Func<ModelRoot, IEnumerable<ModelRow>> rows, Func<ModelHost, Task> assert)
    {
        var host = await ModelHost.StartAsync(spec, Provider);
        try
        {
            var ana = Row(new ModelRoot { Id = Guid.NewGuid() }, "ana");
            await host.AddAsync([ana, .. rows(ana)]);
            var report = await host.Subjects.EraseAsync(SubjectId.From(ana.Id));
            await assert(host);
            return report;
        }
        finally
        {
            await host.DropAsync();
        }
    }

    private static Task<List<T>> AllAsync<T>(ModelHost host)
        where T : ModelRow
        => host.WithContextAsync(db => db.Set<T>().IgnoreQueryFilters().AsNoTracking().ToListAsync());

    [StoreFact]
    public async Task Erase_keeps_and_anonymises_the_principal_of_an_anonymised_row_whose_foreign_key_restricts()
    {
        var spec = Spec(false, Entity(ModelNode.Root),
            Entity(ModelNode.BranchA) with { OnDelete = DeleteBehavior.Restrict, Erasure = ErasureAction.Anonymize });

        var report = await EraseAsync(
            spec,
            ana => [Row(new ModelBranchA { Root = ana }, "a1"), Row(new ModelBranchA { Root = ana }, "a2")],
            async host =>
            {
                Assert.All(await AllAsync<ModelBranchA>(host), a => Assert.Equal(("", null), (a.Name, a.Email)));
                Assert.Equal(("", "l-ana"), (Assert.Single(await AllAsync<ModelRoot>(host)).Name, (await AllAsync<ModelRoot>(host))[0].Label));
            });

        var byEntity = report.Entities.ToDictionary(e => e.Entity);
        Assert.Equal((2L, 0L), (byEntity[nameof(ModelBranchA)].Anonymized, byEntity[nameof(ModelBranchA)].Deleted));
        Assert.Equal((ErasureAction.Anonymize, 1L, 0L),
            (byEntity[nameof(ModelRoot)].Action, byEntity[nameof(ModelRoot)].Anonymized, byEntity[nameof(ModelRoot)].Deleted));
        Assert.Contains(nameof(ModelBranchA), Assert.Single(byEntity[nameof(ModelRoot)].Reasons), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Erase_never_lets_a_cascade_delete_the_rows_it_anonymised_and_reports_each_entity_once()
    {
        var spec = Spec(false, Entity(ModelNode.Root), Entity(ModelNode.BranchA) with { OnDelete = DeleteBehavior.Cascade, Erasure = ErasureAction.Anonymize });

        var report = await EraseAsync(
            spec,
            ana => [Row(new ModelBranchA { Root = ana }, "a1"), Row(new ModelBranchA { Root = ana }, "a2")],
            async host =>
            {
                var branches = await AllAsync<ModelBranchA>(host);
                Assert.Equal(2, branches.Count);
                Assert.All(branches, a => Assert.Equal(("", null), (a.Name, a.Email)));
                Assert.Equal("", Assert.Single(await AllAsync<ModelRoot>(host)).Name);
            });

        var branch = Assert.Single(report.Entities, e => e.Entity == nameof(ModelBranchA));
        Assert.Equal((2L, 0L), (branch.Anonymized, branch.Deleted));
        Assert.Equal((ErasureAction.Anonymize, 1L, 0L),
            report.Entities.Where(e => e.Entity == nameof(ModelRoot)).Select(e => (e.Action, e.Anonymized, e.Deleted)).Single());
        Assert.Equal(0, report.Deleted);
    }

    [StoreFact]
    public async Task Erase_keeps_every_principal_up_the_cascade_chain_of_rows_a_retention_minimum_keeps()
    {
        var spec = Spec(
            false,
            Entity(ModelNode.Root),
            Entity(ModelNode.BranchA),
            Entity(ModelNode.Leaf) with { Retention = new RetentionSpec(500, RetentionAction.Delete, Minimum: true) });

        var report = await EraseAsync(
            spec,
            ana =>
            {
                var kept = Row(new ModelBranchA { Root = ana }, "a1");
                var gone = Row(new ModelBranchA { Root = ana }, "a2");
                return [kept, gone, Row(new ModelLeaf { Parent = kept }, "leaf-recent", ageInDays: 5),
                    Row(new ModelLeaf { Parent = gone }, "leaf-old", ageInDays: 1000)];
            },
            async host =>
            {
                var leaf = Assert.Single(await AllAsync<ModelLeaf>(host));
                Assert.Equal(("n-leaf-recent", "e-leaf-recent@x.test"), (leaf.Name, leaf.Email));
                Assert.All(await AllAsync<ModelBranchA>(host), a => Assert.Equal("", a.Name));
                Assert.Equal("", Assert.Single(await AllAsync<ModelRoot>(host)).Name);
            });

        var byEntity = report.Entities.ToDictionary(e => e.Entity);
        Assert.Equal((1L, 1L), (byEntity[nameof(ModelLeaf)].Kept, byEntity[nameof(ModelLeaf)].Deleted));
        Assert.Equal((ErasureAction.Anonymize, 2L), (byEntity[nameof(ModelBranchA)].Action, byEntity[nameof(ModelBranchA)].Anonymized));
        Assert.Equal((ErasureAction.Anonymize, 1L), (byEntity[nameof(ModelRoot)].Action, byEntity[nameof(ModelRoot)].Anonymized));
        Assert.Contains(nameof(ModelBranchA), Assert.Single(byEntity[nameof(ModelRoot)].Reasons), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Erase_counts_every_row_it_anonymises_instead_of_shredding_even_when_set_null_keys_cut_their_path()
    {
        // Subject keys on; the branch's recent row is kept by law, so the subject's key stays and the leaves, configured to
        // be shredded, are anonymised instead. The old branch row is deleted, which sets its leaf's foreign key to null.
        var spec = Spec(
            true,
            Entity(ModelNode.Root),
            Entity(ModelNode.BranchA) with { Required = false, OnDelete = DeleteBehavior.SetNull,
                Retention = new RetentionSpec(500, RetentionAction.Delete, Minimum: true) },
            Entity(ModelNode.Leaf) with { Required = false, OnDelete = DeleteBehavior.SetNull, Erasure = ErasureAction.Shred });

        var report = await EraseAsync(
            spec,
            ana =>
            {
                var kept = Row(new ModelBranchA { Root = ana }, "a-recent", ageInDays: 5);
                var gone = Row(new ModelBranchA { Root = ana }, "a-old", ageInDays: 1000);
                return [kept, gone, Row(new ModelLeaf { Parent = kept }, "l1"), Row(new ModelLeaf { Parent = gone }, "l2")];
            },
            async host => Assert.All(await AllAsync<ModelLeaf>(host), l => Assert.Equal(("", null), (l.Name, l.Email))));

        var leaves = report.Entities.Single(e => e.Entity == nameof(ModelLeaf));
        Assert.Equal((ErasureAction.Anonymize, 2L, 0L), (leaves.Action, leaves.Anonymized, leaves.Shredded));
        Assert.Contains(leaves.Reasons, r => r.Contains("subject's key", StringComparison.Ordinal));
        Assert.False(report.KeyShredded);
        Assert.Equal((1L, 1L), report.Entities.Where(e => e.Entity == nameof(ModelBranchA)).Select(e => (e.Kept, e.Deleted)).Single());
    }

    [StoreFact]
    public async Task Erase_keeps_the_principal_whose_delete_would_set_the_subject_column_of_kept_rows_to_null()
    {
        // Subject keys on: the branch's own subject column is also its set-null foreign key, and its recent row is kept by
        // law with values under the subject's key. Deleting the subject's row would leave them in a row without a subject.
        var spec = Spec(
            true,
            Entity(ModelNode.Root),
            Entity(ModelNode.BranchA) with { Required = false, OnDelete = DeleteBehavior.SetNull, Link = SubjectLink.Own,
                Retention = new RetentionSpec(500, RetentionAction.Delete, Minimum: true) });
        Guid subject = default;

        var report = await EraseAsync(
            spec,
            ana =>
            {
                subject = ana.Id;
                return [Row(new ModelBranchA { Root = ana }, "a-recent", ageInDays: 5), Row(new ModelBranchA { Root = ana }, "a-old", ageInDays: 1000)];
            },
            async host =>
            {
                var kept = Assert.Single(await AllAsync<ModelBranchA>(host));
                Assert.Equal(("n-a-recent", subject), (kept.Name, kept.RootRef));
                Assert.Equal("", Assert.Single(await AllAsync<ModelRoot>(host)).Name);
            });

        var byEntity = report.Entities.ToDictionary(e => e.Entity);
        Assert.Equal((1L, 1L), (byEntity[nameof(ModelBranchA)].Kept, byEntity[nameof(ModelBranchA)].Deleted));
        Assert.Equal((ErasureAction.Anonymize, 1L), (byEntity[nameof(ModelRoot)].Action, byEntity[nameof(ModelRoot)].Anonymized));
    }
}
