using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>
/// A generated model: which entity types of the pool are mapped and how (foreign keys, subject links, filters, owned
/// types, encryption, retention, erasure), whether subject keys are on, and the shape of the data (subjects, rows per
/// parent, the seed that decides soft deletes and dates). Its <see cref="ToString"/> is what a failing case prints.
/// </summary>
public sealed record ModelSpec(IReadOnlyList<EntitySpec> Entities, bool SubjectKeys, int Subjects, int RowsPerParent, int DataSeed)
{
    public EntitySpec this[ModelNode node] => Entities.First(e => e.Node == node);

    public bool Has(ModelNode node) => Entities.Any(e => e.Node == node);

    public static ModelNode? ParentOf(ModelNode node) => node switch
    {
        ModelNode.Root => null,
        ModelNode.BranchA or ModelNode.BranchB => ModelNode.Root,
        ModelNode.Leaf => ModelNode.BranchA,
        _ => ModelNode.Leaf,
    };

    /// <summary>The depth of the subject path of the deepest entity (1 to 3).</summary>
    public int Depth => Has(ModelNode.Twig) ? 3 : Has(ModelNode.Leaf) ? 2 : 1;

    /// <summary>The same model with every combination DataGuard or EF Core rejects by design turned into an allowed one.</summary>
    public ModelSpec Normalize()
    {
        var nodes = Entities.Select(static e => e.Node).ToHashSet();
        nodes.Add(ModelNode.Root);
        var list = new List<EntitySpec>();
        foreach (var node in Enum.GetValues<ModelNode>())
        {
            if (!nodes.Contains(node) || (ParentOf(node) is { } parent && !nodes.Contains(parent)))
            {
                nodes.Remove(node);
                continue;
            }

            var e = Entities.FirstOrDefault(x => x.Node == node) ?? Default(node);
            if (node == ModelNode.Root)
            {
                e = e with { Required = true, OnDelete = DeleteBehavior.Cascade, Link = SubjectLink.Own };
            }
            else if (node is ModelNode.BranchA or ModelNode.BranchB)
            {
                e = e with { Link = e.Link == SubjectLink.Own ? SubjectLink.Own : SubjectLink.PathToRoot };
            }
            else
            {
                var branchOwn = list.First(x => x.Node == ModelNode.BranchA).Link == SubjectLink.Own;
                e = e with { Link = e.Link == SubjectLink.PathToNearest && branchOwn ? SubjectLink.PathToNearest : SubjectLink.PathToRoot };
            }

            if (e.Required && e.OnDelete == DeleteBehavior.SetNull)
            {
                e = e with { OnDelete = DeleteBehavior.Cascade };
            }

            if (e.Retention is { Then: RetentionAction.Shred } && e.Link != SubjectLink.Own)
            {
                e = e with { Retention = e.Retention with { Then = RetentionAction.Delete } };
            }

            e = e with { Searchable = e.Searchable && e.Encrypt, NamedFilter = e.NamedFilter && e.SoftDelete };
            list.Add(e);
        }

        return this with { Entities = list, Subjects = Math.Clamp(Subjects, 1, 3), RowsPerParent = Math.Clamp(RowsPerParent, 1, 2) };
    }

    /// <summary>The plainest configuration of an entity type: what shrinking moves towards.</summary>
    public static EntitySpec Default(ModelNode node)
        => new(node, Required: true, DeleteBehavior.Cascade, node is ModelNode.Root ? SubjectLink.Own : SubjectLink.PathToRoot, SoftDelete: false,
            NamedFilter: false, Owned: false, Encrypt: false, Searchable: false, Retention: null, Erasure: null);

    /// <summary>Simpler models, each one step from this one, for FsCheck's shrinking.</summary>
    public IEnumerable<ModelSpec> Shrink()
    {
        foreach (var node in new[] { ModelNode.Twig, ModelNode.Leaf, ModelNode.BranchB })
        {
            if (Has(node))
            {
                yield return (this with { Entities = [.. Entities.Where(e => e.Node != node)] }).Normalize();
            }
        }

        if (Subjects > 1)
        {
            yield return this with { Subjects = Subjects - 1 };
        }

        if (RowsPerParent > 1)
        {
            yield return this with { RowsPerParent = RowsPerParent - 1 };
        }

        if (SubjectKeys)
        {
            yield return (this with { SubjectKeys = false }).Normalize();
        }

        foreach (var entity in Entities)
        {
            foreach (var simpler in Simpler(entity))
            {
                yield return (this with { Entities = [.. Entities.Select(e => e.Node == entity.Node ? simpler : e)] }).Normalize();
            }
        }
    }

    private static IEnumerable<EntitySpec> Simpler(EntitySpec e)
    {
        if (e.Retention is not null)
        {
            yield return e with { Retention = null };
        }

        if (e.Retention is { Minimum: true })
        {
            yield return e with { Retention = e.Retention with { Minimum = false } };
        }

        if (e.Erasure is not null)
        {
            yield return e with { Erasure = null };
        }

        if (e.SoftDelete)
        {
            yield return e with { SoftDelete = false };
        }

        if (e.NamedFilter)
        {
            yield return e with { NamedFilter = false };
        }

        if (e.Owned)
        {
            yield return e with { Owned = false };
        }

        if (e.Searchable)
        {
            yield return e with { Searchable = false };
        }

        if (e.Encrypt)
        {
            yield return e with { Encrypt = false };
        }

        if (e.Node != ModelNode.Root && (!e.Required || e.OnDelete != DeleteBehavior.Cascade))
        {
            yield return e with { Required = true, OnDelete = DeleteBehavior.Cascade };
        }

        if (e.Node != ModelNode.Root && e.Link != SubjectLink.PathToRoot)
        {
            yield return e with { Link = SubjectLink.PathToRoot };
        }
    }

    public override string ToString()
        => $"model (depth {Depth}, subject keys {(SubjectKeys ? "on" : "off")}, {Subjects} subjects, {RowsPerParent} rows per parent, data seed {DataSeed}):"
           + string.Concat(Entities.Select(static e => "\n    " + e));
}
