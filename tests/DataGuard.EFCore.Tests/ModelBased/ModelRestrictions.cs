using DataGuard.Model;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>Ways to leave a feature out of the generated models, for the invariants that hold today only without it
/// (each use names the issue item whose fix lifts it).</summary>
internal static class ModelRestrictions
{
    public static ModelSpec NoSoftDelete(ModelSpec spec) => Each(spec, static e => e with { SoftDelete = false, NamedFilter = false });

    public static ModelSpec NoOwnedTypes(ModelSpec spec) => Each(spec, static e => e with { Owned = false });

    public static ModelSpec EveryEntityOwned(ModelSpec spec) => Each(spec, static e => e with { Owned = true });

    /// <summary>Restrict foreign keys become cascading ones.</summary>
    public static ModelSpec NoRestrict(ModelSpec spec)
        => Each(spec, static e => e.OnDelete == DeleteBehavior.Restrict ? e with { OnDelete = DeleteBehavior.Cascade } : e);

    /// <summary>Cascading foreign keys become SetNull (optional) or Restrict (required) ones: no delete reaches a row the
    /// statement did not name.</summary>
    public static ModelSpec NoCascade(ModelSpec spec)
        => Each(spec, static e => e.Node == ModelNode.Root
            || e.OnDelete != DeleteBehavior.Cascade ? e : e with { OnDelete = e.Required ? DeleteBehavior.Restrict : DeleteBehavior.SetNull });

    /// <summary>Shredding retention only on entities whose every row has a subject (the root, or a required foreign key).</summary>
    public static ModelSpec ShredOnlyWithRequiredSubject(ModelSpec spec)
        => Each(spec, static e => e.Retention is { Then: RetentionAction.Shred } && !e.Required ? e with { Required = true,
            OnDelete = e.OnDelete == DeleteBehavior.SetNull ? DeleteBehavior.Restrict : e.OnDelete } : e);

    /// <summary>At least the root has a soft-delete filter, so that every case exercises query filters.</summary>
    public static ModelSpec RootSoftDeleted(ModelSpec spec) => Each(spec, static e => e.Node == ModelNode.Root ? e with { SoftDelete = true } : e);

    /// <summary>The root owns an address (a single owner, so the owned type keeps its plain name).</summary>
    public static ModelSpec RootOwned(ModelSpec spec) => Each(spec, static e => e with { Owned = e.Node == ModelNode.Root });

    /// <summary>The root is purged by retention and every foreign key cascades, so retention's deletes reach dependents.</summary>
    public static ModelSpec RootPurgedWithCascades(ModelSpec spec) => Each(spec, static e => e.Node == ModelNode.Root
        ? e with { Retention = new RetentionSpec(100, RetentionAction.Delete, Minimum: false) }
        : e with { OnDelete = DeleteBehavior.Cascade });

    /// <summary>A branch with its own (optional) subject column is shredded by retention, with subject keys on: its orphan
    /// row is due but has no subject.</summary>
    public static ModelSpec OptionalSubjectShredded(ModelSpec spec) => Each(spec with { SubjectKeys = true }, static e => e.Node == ModelNode.BranchA
        ? e with { Required = false, Link = SubjectLink.Own, Retention = new RetentionSpec(100, RetentionAction.Shred, Minimum: false) }
        : e.Retention is { Then: RetentionAction.Shred } ? e with { Retention = e.Retention with { Then = RetentionAction.Delete } } : e);

    /// <summary>At most one entity type's retention shreds (the first); the others delete instead.</summary>
    public static ModelSpec OneShredPolicy(ModelSpec spec)
    {
        var first = spec.Entities.FirstOrDefault(static e => e.Retention is { Then: RetentionAction.Shred })?.Node;
        return Each(spec, e => e.Retention is { Then: RetentionAction.Shred }
            && e.Node != first ? e with { Retention = e.Retention with { Then = RetentionAction.Delete } } : e);
    }

    /// <summary>The root and a branch (its own required subject column) both shred, the branch sooner, with subject keys on.</summary>
    public static ModelSpec TwoShredPolicies(ModelSpec spec) => Each(spec with { SubjectKeys = true }, static e => e.Node switch
    {
        ModelNode.Root => e with { Retention = new RetentionSpec(500, RetentionAction.Shred, Minimum: false) },
        ModelNode.BranchA
            => e with { Required = true, OnDelete = e.OnDelete == DeleteBehavior.SetNull ? DeleteBehavior.Restrict : e.OnDelete, Link = SubjectLink.Own,
                Retention = new RetentionSpec(100, RetentionAction.Shred, Minimum: false) },
        _ => e,
    });

    /// <summary>A leaf (depth 2) whose rows the law keeps, under principals that erasure deletes, every foreign key cascading.</summary>
    public static ModelSpec LeafKeptByLaw(ModelSpec spec)
    {
        var entities = spec.Has(ModelNode.Leaf) ? spec.Entities : [.. spec.Entities, ModelSpec.Default(ModelNode.Leaf)];
        return (spec with { Entities = entities }).Normalize() is var withLeaf
            ? Each(withLeaf, static e => e.Node switch
            {
                ModelNode.Leaf => e with { OnDelete = DeleteBehavior.Cascade, Retention = new RetentionSpec(500, RetentionAction.Delete, Minimum: true) },
                ModelNode.Root or ModelNode.BranchA => e with { OnDelete = DeleteBehavior.Cascade, Erasure = ErasureAction.Delete },
                _ => e with { OnDelete = DeleteBehavior.Cascade },
            })
            : spec;
    }

    /// <summary>Every foreign key is optional and SetNull: deleting a principal changes no dependent's personal value and
    /// deletes no dependent.</summary>
    public static ModelSpec AllSetNull(ModelSpec spec)
        => Each(spec, static e => e.Node == ModelNode.Root ? e : e with { Required = false, OnDelete = DeleteBehavior.SetNull });

    /// <summary>Subject keys on, a branch kept by a retention minimum, a leaf under it that erasure shreds.</summary>
    public static ModelSpec LeafShreddedUnderKeptBranch(ModelSpec spec)
    {
        var entities = spec.Has(ModelNode.Leaf) ? spec.Entities : [.. spec.Entities, ModelSpec.Default(ModelNode.Leaf)];
        return Each((spec with { Entities = entities, SubjectKeys = true }).Normalize(), static e => e.Node switch
        {
            ModelNode.BranchA => e with { Retention = new RetentionSpec(500, RetentionAction.Delete, Minimum: true), Erasure = null },
            ModelNode.Leaf => e with { Retention = null, Erasure = ErasureAction.Shred },
            _ => e,
        });
    }

    /// <summary>No entity's own subject column is set to null by a principal's delete (it reaches the subject by a path instead).</summary>
    public static ModelSpec NoSetNullSubjectColumn(ModelSpec spec)
        => Each(spec, static e => e.Node != ModelNode.Root && e.Link == SubjectLink.Own
            && e.OnDelete == DeleteBehavior.SetNull ? e with { Link = SubjectLink.PathToRoot } : e);

    /// <summary>Subject keys on; a branch with its own optional, encrypted subject column, SetNull; the root purged by retention.</summary>
    public static ModelSpec SubjectColumnSetNull(ModelSpec spec) => Each(spec with { SubjectKeys = true }, static e => e.Node switch
    {
        ModelNode.Root => e with { Retention = new RetentionSpec(100, RetentionAction.Delete, Minimum: false) },
        ModelNode.BranchA => e with { Required = false, OnDelete = DeleteBehavior.SetNull, Link = SubjectLink.Own, Encrypt = true, Retention = null },
        _ => e,
    });

    public static Func<ModelSpec, ModelSpec> All(params Func<ModelSpec, ModelSpec>[] restrictions)
        => spec => restrictions.Aggregate(spec, static (s, r) => r(s));

    private static ModelSpec Each(ModelSpec spec, Func<EntitySpec, EntitySpec> change) => spec with { Entities = [.. spec.Entities.Select(change)] };
}
