using System.Linq.Expressions;
using System.Reflection;
using DataGuard.EFCore.Encryption;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Model;

/// <summary>
/// The properties of owned types (<c>OwnsOne</c>) that travel in their owner's row: exported, anonymised and shredded
/// with the owner, since the owned instance has no existence of its own (EF Core reads and deletes it with its owner,
/// and DataGuard's set-based statements on the owner reach its columns). Computed once per entity type.
/// </summary>
internal static class OwnedProperties
{
    private const string Annotation = "DataGuard:OwnedProperties";
    private static readonly MethodInfo EfProperty = typeof(EF).GetMethod(nameof(EF.Property))!;

    /// <summary>Every non-key property of the owned references stored in <paramref name="entityType"/>'s table, nested
    /// ones included, in model order.</summary>
    public static IReadOnlyList<OwnedProperty> Of(IEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return entityType.GetOrAddRuntimeAnnotationValue(Annotation, static e => Build(e!), entityType);
    }

    /// <summary>The owned columns an export writes: <see cref="Of"/> without blind indexes.</summary>
    public static IEnumerable<OwnedProperty> Exported(IEntityType entityType) => Of(entityType).Where(static p => !p.BlindIndex);

    /// <summary>The owned references of <paramref name="owner"/> whose values sit in the owner's row: not collections
    /// (they have rows of their own), not in another table, not mapped to a JSON column.</summary>
    public static IEnumerable<INavigation> InOwnerRow(IEntityType owner)
        => owner.GetNavigations().Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent && !n.IsCollection
            && n.TargetEntityType.GetContainerColumnName() is null
            && n.TargetEntityType.GetTableName() == owner.GetTableName() && n.TargetEntityType.GetSchema() == owner.GetSchema());

    /// <summary><c>EF.Property</c> calls from <paramref name="entity"/> to the owned property named by its dotted path,
    /// typed so that an absent owned instance reads as <see langword="null"/> (value types become nullable).</summary>
    public static Expression Access(Expression entity, IEntityType entityType, string path)
    {
        if (StoredFormProperty.Find(entityType, path) is { } stored)
        {
            // A subject-key scalar: its column holds the stored form, which only the materializer decrypts.
            return Expression.Call(EfProperty.MakeGenericMethod(typeof(string)), entity, Expression.Constant(stored.Name));
        }

        var owned = Of(entityType).First(p => string.Equals(p.Path, path, StringComparison.Ordinal));
        var access = entity;
        foreach (var navigation in owned.Navigations)
        {
            access = Expression.Call(EfProperty.MakeGenericMethod(navigation.ClrType), access, Expression.Constant(navigation.Name));
        }

        var type = owned.Property.ClrType;
        access = Expression.Call(EfProperty.MakeGenericMethod(type), access, Expression.Constant(owned.Property.Name));
        return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Expression.Convert(access, typeof(Nullable<>).MakeGenericType(type)) : access;
    }

    /// <summary>The current value of <paramref name="column"/> of a tracked entity: its own property, or an owned one by
    /// its dotted path (<see langword="null"/> when the owned instance is absent).</summary>
    public static object? CurrentValue(EntityEntry entry, string column)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Metadata.FindProperty(column) is { } property)
        {
            return entry.Property(property).CurrentValue;
        }

        if (StoredFormProperty.Find(entry.Metadata, column) is { } stored)
        {
            return StoredFormProperty.Member(stored).GetValue(entry.Entity); // the decrypted plaintext, in the class member
        }

        var owned = Of(entry.Metadata).First(p => string.Equals(p.Path, column, StringComparison.Ordinal));
        var current = entry;
        foreach (var navigation in owned.Navigations)
        {
            if (current.Reference(navigation).TargetEntry is not { } target)
            {
                return null;
            }

            current = target;
        }

        return current.Property(owned.Property).CurrentValue;
    }

    private static List<OwnedProperty> Build(IEntityType owner)
    {
        var result = new List<OwnedProperty>();
        var personal = owner.Model.GetPersonalDataModel();
        Walk(owner, [], "", personal, result);
        return result;
    }

    private static void Walk(IEntityType owner, INavigation[] path, string prefix, PersonalDataModel personal, List<OwnedProperty> result)
    {
        foreach (var navigation in InOwnerRow(owner))
        {
            var owned = navigation.TargetEntityType;
            var name = EntityTypeSpecReader.DataGuardName(owned);
            var descriptor = personal.Entities.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
            INavigation[] navigations = [.. path, navigation];
            var ownedPrefix = prefix + navigation.Name + ".";
            foreach (var property in owned.GetProperties())
            {
                if (property.IsKey() || property.IsForeignKey())
                {
                    continue; // the owner's key again
                }

                var blindIndex = property.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf) is not null;
                result.Add(new OwnedProperty(
                    ownedPrefix + property.Name, navigations, property, blindIndex ? null : descriptor?.FindField(property.Name), blindIndex));
            }

            Walk(owned, navigations, ownedPrefix, personal, result);
        }
    }
}
