using System.Linq.Expressions;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>
/// The application context of a generated model: maps the entity types of <see cref="ModelSpec"/> with DataGuard's fluent
/// API. Each case runs in a host of its own, and DataGuard caches one model per context type and application, so each
/// spec gets its own model; the spec is also written on the model, so a case can check it got the right one.
/// </summary>
public sealed class ModelContext(DbContextOptions<ModelContext> options, ModelSpec spec) : DbContext(options)
{
    public const string SpecAnnotation = "ModelBased:Spec";

    public ModelSpec Spec { get; } = spec;

    public static string Table(ModelNode node) => "mb_" + node.ToString().ToLowerInvariant();

    /// <summary>The foreign-key column of <paramref name="node"/> to its parent in this model.</summary>
    public static string ForeignKey(EntitySpec entity) => entity.Node switch
    {
        ModelNode.Root => throw new ArgumentOutOfRangeException(nameof(entity)),
        ModelNode.BranchA or ModelNode.BranchB => entity.Required ? nameof(ModelBranchA.RootId) : nameof(ModelBranchA.RootRef),
        _ => entity.Required ? nameof(ModelLeaf.ParentId) : nameof(ModelLeaf.ParentRef),
    };

    /// <summary>The subject path of <paramref name="node"/> (null when it has its own subject column).</summary>
    public static string? SubjectPath(ModelSpec spec, ModelNode node)
    {
        var entity = spec[node];
        if (entity.Link == SubjectLink.Own)
        {
            return null;
        }

        var steps = new List<string>();
        var current = node;
        while (true)
        {
            var parent = ModelSpec.ParentOf(current)!.Value;
            steps.Add(parent == ModelNode.Root ? nameof(ModelBranchA.Root) : nameof(ModelLeaf.Parent));
            if (parent == ModelNode.Root)
            {
                steps.Add(nameof(ModelRoot.Id));
                break;
            }

            if (entity.Link == SubjectLink.PathToNearest && spec[parent].Link == SubjectLink.Own)
            {
                steps.Add(ForeignKey(spec[parent]));
                break;
            }

            current = parent;
        }

        return string.Join('.', steps);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation(SpecAnnotation, Spec.ToString());
        foreach (var entity in Spec.Entities)
        {
            switch (entity.Node)
            {
                case ModelNode.Root:
                    Configure(modelBuilder.Entity<ModelRoot>(), entity, static e => e.Id);
                    break;
                case ModelNode.BranchA:
                    Configure(modelBuilder.Entity<ModelBranchA>(), entity, static e => e.Id);
                    Relate(modelBuilder.Entity<ModelBranchA>(), entity, static e => e.Root, static e => e.RootId, static e => e.RootRef);
                    break;
                case ModelNode.BranchB:
                    Configure(modelBuilder.Entity<ModelBranchB>(), entity, static e => e.Id);
                    Relate(modelBuilder.Entity<ModelBranchB>(), entity, static e => e.Root, static e => e.RootId, static e => e.RootRef);
                    break;
                case ModelNode.Leaf:
                    Configure(modelBuilder.Entity<ModelLeaf>(), entity, static e => e.Id);
                    Relate(modelBuilder.Entity<ModelLeaf>(), entity, static e => e.Parent, static e => e.ParentId, static e => e.ParentRef);
                    break;
                default:
                    Configure(modelBuilder.Entity<ModelTwig>(), entity, static e => e.Id);
                    Relate(modelBuilder.Entity<ModelTwig>(), entity, static e => e.Parent, static e => e.ParentId, static e => e.ParentRef);
                    break;
            }
        }
    }

    private void Configure<TEntity, TKey>(EntityTypeBuilder<TEntity> b, EntitySpec entity, Expression<Func<TEntity, TKey>> key)
        where TEntity : ModelRow
    {
        b.ToTable(Table(entity.Node));
        b.HasKey(Convert(key));
        if (entity.Node == ModelNode.Root)
        {
            b.Property(key).ValueGeneratedNever();
        }

        b.Property(e => e.Name).IsPersonal(PersonalCategory.Identity, encrypt: entity.Encrypt);
        b.Property(e => e.Email).IsPersonal(PersonalCategory.Contact, searchable: entity.Searchable, encrypt: entity.Encrypt);
        if (entity.Owned)
        {
            // With subject keys on, DataGuard refuses encrypted properties of owned types (their values would not be shredded).
            var encryptOwned = entity.Encrypt && !Spec.SubjectKeys;
            b.OwnsOne(e => e.Address, a =>
            {
                a.Property(x => x.Street).IsPersonal(PersonalCategory.Location, encrypt: encryptOwned);
                a.Property(x => x.City).IsPersonal(PersonalCategory.Location, encrypt: encryptOwned);
            });
        }
        else
        {
            b.Ignore(e => e.Address);
        }

        if (entity.SoftDelete)
        {
            if (entity.NamedFilter)
            {
                b.HasQueryFilter("SoftDelete", e => !e.IsDeleted);
            }
            else
            {
                b.HasQueryFilter(e => !e.IsDeleted);
            }
        }

        if (entity.Node == ModelNode.Root)
        {
            b.HasDataSubject(Convert(key));
        }
        else if (SubjectPath(Spec, entity.Node) is { } path)
        {
            b.HasSubjectPath(Path<TEntity>(path));
        }

        if (entity.Retention is { } retention)
        {
            b.HasRetention(retention.Days, e => e.CreatedAt, retention.Then, retention.Minimum ? "synthetic law" : null);
        }

        if (entity.Erasure is { } erasure)
        {
            b.HasErasure(erasure);
        }
    }

    private static void Relate<TEntity, TParent,
        TKey>(EntityTypeBuilder<TEntity> b, EntitySpec entity, Expression<Func<TEntity, TParent?>> navigation, Expression<Func<TEntity, TKey>> required,
            Expression<Func<TEntity, TKey?>> optional)
        where TEntity : ModelRow
        where TParent : class
        where TKey : struct
    {
        var used = entity.Required ? Convert(required) : Convert(optional);
        b.Ignore(entity.Required ? Name(optional) : Name(required));
        b.HasOne(navigation).WithMany().HasForeignKey(used).IsRequired(entity.Required).OnDelete(entity.OnDelete);
        if (entity.Link == SubjectLink.Own)
        {
            b.HasDataSubject(used);
        }
    }

    /// <summary><c>e =&gt; (object)e.Parent.Root.Id</c> from <c>"Parent.Root.Id"</c>, as an application would write it.</summary>
    private static Expression<Func<TEntity, object?>> Path<TEntity>(string path)
    {
        var e = Expression.Parameter(typeof(TEntity), "e");
        Expression body = e;
        foreach (var step in path.Split('.'))
        {
            body = Expression.Property(body, step);
        }

        return Expression.Lambda<Func<TEntity, object?>>(Expression.Convert(body, typeof(object)), e);
    }

    private static string Name<TEntity, TValue>(Expression<Func<TEntity, TValue>> property) => ((MemberExpression)property.Body).Member.Name;

    private static Expression<Func<TEntity, object?>> Convert<TEntity, TValue>(Expression<Func<TEntity, TValue>> property)
        => Expression.Lambda<Func<TEntity, object?>>(Expression.Convert(property.Body, typeof(object)), property.Parameters);
}
