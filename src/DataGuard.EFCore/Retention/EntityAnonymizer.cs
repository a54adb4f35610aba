using System.Linq.Expressions;
using System.Reflection;
using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Model;
using DataGuard.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace DataGuard.EFCore.Retention;

/// <summary>The setters of an anonymising <c>ExecuteUpdate</c>, shared by retention and erasure so both clear the same
/// columns the same way.</summary>
internal static class EntityAnonymizer<TEntity>
    where TEntity : class
{
    private static readonly MethodInfo SetterMethod = typeof(EntityAnonymizer<TEntity>).GetMethod(
        nameof(Setter), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo EfPropertyMethod = typeof(EF).GetMethod(nameof(EF.Property))!;
    private static readonly MethodInfo OwnedSetterMethod = typeof(EntityAnonymizer<TEntity>).GetMethod(
        nameof(OwnedSetter), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Sets every personal property to null, or, where the column is required, to a fixed placeholder (empty
    /// text, empty bytes, the type's default), and clears blind indexes. Keys and foreign keys stay: they carry no
    /// personal value of their own and the row must stay joinable for statistics. The personal properties of owned types
    /// stored in the row (<c>OwnsOne</c>) are cleared with it: they are the owner's data, whatever their owned type's
    /// name.</summary>
    /// <param name="descriptor">The entity's personal fields.</param>
    /// <param name="entityType">The EF Core entity type.</param>
    /// <param name="include">Which personal fields to set; all when <see langword="null"/>.</param>
    public static Action<UpdateSettersBuilder<TEntity>>? Build(
        PersonalEntityDescriptor descriptor,
        IEntityType entityType,
        Func<PersonalFieldDescriptor, bool>? include = null)
    {
        var setters = new List<Action<UpdateSettersBuilder<TEntity>>>();
        foreach (var field in descriptor.Fields)
        {
            if ((include is not null && !include(field))
                || StoredFormProperty.Find(entityType, field.Name) is not { } property
                || property.IsKey()
                || property.IsForeignKey())
            {
                continue;
            }

            setters.Add(Create(property.Name, property.ClrType, property.IsNullable ? null : Placeholder(property.ClrType)));
        }

        foreach (var owned in OwnedProperties.Of(entityType))
        {
            if (owned.BlindIndex)
            {
                setters.Add(OwnedClearer(owned));
                continue;
            }

            if (owned.Field is not { } field || (include is not null && !include(field)))
            {
                continue;
            }

            // An optional owned instance shares nullable columns with its owner: null where the column allows it, so an
            // owned instance that was absent stays absent (EF Core reads all-null columns as no instance).
            var property = owned.Property;
            var value = property.IsColumnNullable() && (!property.ClrType.IsValueType || Nullable.GetUnderlyingType(property.ClrType) is not null)
                ? null
                : property.IsNullable ? null : Placeholder(property.ClrType);
            setters.Add((Action<UpdateSettersBuilder<TEntity>>)OwnedSetterMethod.MakeGenericMethod(property.ClrType).Invoke(null, [owned, value])!);
        }

        foreach (var property in entityType.GetProperties())
        {
            if (property.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf) is not null)
            {
                setters.Add(Create(property.Name, property.ClrType, null));
            }
        }

        return setters.Count == 0 ? null : s => setters.ForEach(set => set(s));

        static Action<UpdateSettersBuilder<TEntity>> Create(string name, Type type, object? value)
            => (Action<UpdateSettersBuilder<TEntity>>)SetterMethod.MakeGenericMethod(type).Invoke(null, [name, value])!;
    }

    private static object? Placeholder(Type type)
        => type == typeof(string) ? ""
            : type == typeof(byte[]) ? Array.Empty<byte>()
            : type.IsValueType ? Activator.CreateInstance(type)
            : null;

    private static Action<UpdateSettersBuilder<TEntity>> Setter<TProperty>(string name, object? value)
    {
        var typed = (TProperty)value!;
        return s => s.SetProperty(e => EF.Property<TProperty>(e, name), typed);
    }

    private static Action<UpdateSettersBuilder<TEntity>> OwnedSetter<TProperty>(OwnedProperty owned, object? value)
    {
        var typed = (TProperty)value!;
        var entity = Expression.Parameter(typeof(TEntity), "e");
        Expression access = entity;
        foreach (var navigation in owned.Navigations)
        {
            access = Expression.Call(EfPropertyMethod.MakeGenericMethod(navigation.ClrType), access, Expression.Constant(navigation.Name));
        }

        access = Expression.Call(EfPropertyMethod.MakeGenericMethod(typeof(TProperty)), access, Expression.Constant(owned.Property.Name));
        var lambda = Expression.Lambda<Func<TEntity, TProperty>>(access, entity);
        return s => s.SetProperty(lambda, typed);
    }

    private static Action<UpdateSettersBuilder<TEntity>> OwnedClearer(OwnedProperty owned)
        => (Action<UpdateSettersBuilder<TEntity>>)OwnedSetterMethod.MakeGenericMethod(owned.Property.ClrType).Invoke(null, [owned, null])!;

    /// <summary>Anonymises <paramref name="rows"/> in one statement with <paramref name="anonymize"/>'s setters and, when
    /// the entity type has the marker column (<paramref name="marker"/>), marks them anonymised at <paramref name="at"/>.</summary>
    public static Task<int> ApplyAsync(
        IQueryable<TEntity> rows,
        Action<UpdateSettersBuilder<TEntity>>? anonymize,
        bool marker,
        DateTime at,
        CancellationToken cancellationToken)
        => rows.ExecuteUpdateAsync(
            s =>
            {
                anonymize?.Invoke(s);
                if (marker)
                {
                    s.SetProperty(e => EF.Property<DateTime?>(e, RetentionAnnotationNames.AnonymizedAtProperty), at);
                }
            },
            cancellationToken);

    /// <summary>Sets every blind-index column (owned types' in the row too) to null, or returns <see langword="null"/>
    /// when the entity has none.</summary>
    public static Action<UpdateSettersBuilder<TEntity>>? BuildBlindIndexClearer(IEntityType entityType)
    {
        var setters = entityType.GetProperties()
            .Where(static p => p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf) is not null)
            .Select(static p => (Action<UpdateSettersBuilder<TEntity>>)SetterMethod.MakeGenericMethod(p.ClrType).Invoke(null, [p.Name, null])!)
            .Concat(OwnedProperties.Of(entityType).Where(static o => o.BlindIndex).Select(OwnedClearer))
            .ToList();
        return setters.Count == 0 ? null : s => setters.ForEach(set => set(s));
    }
}
