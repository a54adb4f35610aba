using DataGuard.Model;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>FsCheck generators of <see cref="ModelSpec"/>, with shrinking towards the plainest model.</summary>
internal static class ModelSpecs
{
    private static readonly Gen<RetentionSpec?> Retentions = Gen.Frequency(
        (2, Gen.Constant<RetentionSpec?>(null)),
        (3, from days in Gen.Elements(100, 500)
            from then in Gen.Elements(RetentionAction.Delete, RetentionAction.Anonymize, RetentionAction.Shred)
            from minimum in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            select (RetentionSpec?)new RetentionSpec(days, then, minimum)));

    private static readonly Gen<ErasureAction?> Erasures = Gen.Elements<ErasureAction?>(null, ErasureAction.Delete, ErasureAction.Anonymize,
        ErasureAction.Shred);

    private static Gen<EntitySpec> Entity(ModelNode node) =>
        from required in Gen.Elements(true, false)
        from onDelete in Gen.Elements(DeleteBehavior.Cascade, DeleteBehavior.Restrict, DeleteBehavior.SetNull)
        from link in Gen.Elements(SubjectLink.Own, SubjectLink.PathToRoot, SubjectLink.PathToNearest)
        from softDelete in Gen.Elements(false, true)
        from named in Gen.Elements(false, true)
        from owned in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from encrypt in Gen.Elements(true, true, false)
        from searchable in Gen.Elements(false, true)
        from retention in Retentions
        from erasure in Erasures
        select new EntitySpec(node, required, onDelete, link, softDelete, named, owned, encrypt, searchable, retention, erasure);

    /// <summary>Every generated model, as far as the harness supports it.</summary>
    public static Gen<ModelSpec> All { get; } =
        from depth in Gen.Choose(1, 3)
        from branchB in Gen.Elements(false, true)
        from root in Entity(ModelNode.Root)
        from a in Entity(ModelNode.BranchA)
        from b in Entity(ModelNode.BranchB)
        from leaf in Entity(ModelNode.Leaf)
        from twig in Entity(ModelNode.Twig)
        from subjectKeys in Gen.Elements(false, true)
        from subjects in Gen.Choose(2, 3)
        from rows in Gen.Choose(1, 2)
        from seed in Gen.Choose(0, 1_000_000)
        select new ModelSpec(
            [root, a, .. branchB ? [b] : Array.Empty<EntitySpec>(), .. depth >= 2 ? [leaf] : Array.Empty<EntitySpec>(),
                .. depth >= 3 ? [twig] : Array.Empty<EntitySpec>()],
            subjectKeys, subjects, rows, seed).Normalize();

    /// <summary>The models of <paramref name="gen"/> changed by <paramref name="restrict"/> (to leave out a feature whose fix has
    /// not landed yet), with shrinking that keeps the restriction.</summary>
    public static Arbitrary<ModelSpec> Arbitrary(Func<ModelSpec, ModelSpec>? restrict = null)
    {
        restrict ??= static s => s;
        return Arb.From(All.Select(s => restrict(s).Normalize()),
            s => s.Shrink().Select(x => restrict(x).Normalize()).Where(x => x.ToString() != s.ToString()));
    }
}
