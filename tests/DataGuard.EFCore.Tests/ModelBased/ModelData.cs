namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>
/// Synthetic rows for a generated model, decided by its data seed: per subject a root, <see cref="ModelSpec.RowsPerParent"/>
/// rows under each parent at every level, one orphan per optional foreign key, about a quarter of them soft-deleted, and
/// creation dates spread so that some rows are due under every generated retention period and some are not. Every
/// personal value is unique and names its row (never a real person), so a value left behind is found by equality.
/// </summary>
internal sealed class ModelData
{
    /// <summary>Creation dates, in days before the clock: due under 100 and 500 days, due under 100 only, never due.</summary>
    private static readonly int[] AgesInDays = [1000, 200, 5];

    private readonly List<(ModelNode Node, ModelRow Row)> _rows = [];

    public List<Guid> Subjects { get; } = [];

    public IReadOnlyList<(ModelNode Node, ModelRow Row)> Rows => _rows;

    public static ModelData Create(ModelSpec spec, DateTime now)
    {
        var data = new ModelData();
        var random = new Random(spec.DataSeed);
        var counter = 0;
        T Row<T>(ModelNode node, T row)
            where T : ModelRow
        {
            var tag = $"{node}{++counter}";
            row.Name = "n-" + tag;
            row.Email = "e-" + tag + "@x.test";
            row.Label = "l-" + tag;
            row.IsDeleted = random.Next(4) == 0;
            row.CreatedAt = now.AddDays(-AgesInDays[random.Next(AgesInDays.Length)]);
            row.Address = spec[node].Owned ? new ModelAddress { Street = "s-" + tag, City = "c-" + tag } : null;
            data._rows.Add((node, row));
            return row;
        }

        for (var s = 0; s < spec.Subjects; s++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var root = Row(ModelNode.Root, new ModelRoot { Id = new Guid(bytes) });
            data.Subjects.Add(root.Id);
            for (var i = 0; i < spec.RowsPerParent; i++)
            {
                var a = Row(ModelNode.BranchA, new ModelBranchA { Root = root });
                if (spec.Has(ModelNode.BranchB))
                {
                    Row(ModelNode.BranchB, new ModelBranchB { Root = root });
                }

                for (var j = 0; spec.Has(ModelNode.Leaf) && j < spec.RowsPerParent; j++)
                {
                    var leaf = Row(ModelNode.Leaf, new ModelLeaf { Parent = a });
                    for (var k = 0; spec.Has(ModelNode.Twig) && k < spec.RowsPerParent; k++)
                    {
                        Row(ModelNode.Twig, new ModelTwig { Parent = leaf });
                    }
                }
            }
        }

        foreach (var entity in spec.Entities.Where(static e => e.Node != ModelNode.Root && !e.Required))
        {
            _ = entity.Node switch
            {
                ModelNode.BranchA => (ModelRow)Row(entity.Node, new ModelBranchA()),
                ModelNode.BranchB => Row(entity.Node, new ModelBranchB()),
                ModelNode.Leaf => Row(entity.Node, new ModelLeaf()),
                _ => Row(entity.Node, new ModelTwig()),
            };
        }

        return data;
    }

    public async Task SaveAsync(ModelHost host)
    {
        // One SaveChanges for the whole data set: principals and dependents together, keys generated on the way.
        await host.WithContextAsync(async db =>
        {
            db.AddRange(_rows.Select(static r => (object)r.Row));
            await db.SaveChangesAsync();
        });
    }
}
