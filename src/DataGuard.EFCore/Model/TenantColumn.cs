using System.Reflection;
using DataGuard.Model;
using DataGuard.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Model;

/// <summary>
/// The tenant column of an entity type in a database that several tenants share: <c>HasTenant(e =&gt; e.TenantId)</c>
/// on the type or a base type, else the property marked <see cref="TenantIdAttribute"/>. Checked when the model is built
/// (<see cref="Configure"/>) and looked up once per entity type afterwards (<see cref="Find"/>).
/// </summary>
internal static class TenantColumn
{
    private const string PropertyAnnotation = "DataGuard:TenantProperty";
    private const string ModelAnnotation = "DataGuard:HasTenantColumns";

    /// <summary>The tenant property of <paramref name="entityType"/>, or <see langword="null"/> when it has none.</summary>
    public static IProperty? Find(IEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return entityType.GetOrAddRuntimeAnnotationValue(
            PropertyAnnotation,
            static t => DeclaredName(t!) is { } name ? t!.FindProperty(name) : null,
            entityType);
    }

    /// <summary>Whether some entity type of the model has a tenant column.</summary>
    public static bool Any(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetOrAddRuntimeAnnotationValue(ModelAnnotation, static m => m!.GetEntityTypes().Any(static t => Find(t) is not null), model);
    }

    /// <summary>The declared tenant property's name: fluent on the type or a base type, else the first marked property.</summary>
    public static string? DeclaredName(IReadOnlyEntityType entityType)
    {
        for (var type = entityType; type is not null; type = type.BaseType)
        {
            if (type.FindAnnotation(DataGuardAnnotationNames.Tenant)?.Value is string name)
            {
                return name;
            }
        }

        return entityType.GetProperties().FirstOrDefault(static p => IsMarked(p.PropertyInfo))?.Name;
    }

    /// <summary>Checks the declaration and makes the column fit: at most 64 characters (the longest tenant id) unless
    /// configured, and a concurrency token, so that an UPDATE or DELETE names the tenant it expects in its WHERE clause
    /// and cannot reach another tenant's row by its key.</summary>
    public static void Configure(IConventionEntityType entityType, List<string> errors)
    {
        var name = entityType.DisplayName();
        var fluent = entityType.FindAnnotation(DataGuardAnnotationNames.Tenant)?.Value as string;
        if (fluent is null)
        {
            var marked = entityType.ClrType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(static p => IsMarked(p)).ToList();
            if (marked.Count > 1)
            {
                var names = string.Join(", ", marked.Select(static p => p.Name));
                errors.Add($"{name}: has {marked.Count} [TenantId] properties ({names}); an entity has one tenant column.");
                return;
            }

            if (marked is [var member] && entityType.FindProperty(member.Name) is null && !entityType.HasSharedClrType)
            {
                errors.Add($"{name}.{member.Name}: is marked [TenantId] but EF Core does not map it as a property, so DataGuard cannot scope the "
                           + "entity's rows to their tenant; map it or remove the attribute.");
                return;
            }
        }

        if (DeclaredName(entityType) is not { } tenant)
        {
            return;
        }

        if (entityType.FindProperty(tenant) is not IConventionProperty property)
        {
            errors.Add($"{name}: HasTenant names '{tenant}', which is not a mapped property.");
            return;
        }

        if (property.ClrType != typeof(string))
        {
            errors.Add($"{name}.{tenant}: is the tenant column, which must be a string (a tenant id), not {property.ClrType.Name}.");
            return;
        }

        if (property.GetMaxLength() is null)
        {
            property.Builder.HasMaxLength(TenantIds.MaxLength);
        }

        property.Builder.IsConcurrencyToken(true);
    }

    private static bool IsMarked(PropertyInfo? member) => member?.IsDefined(typeof(TenantIdAttribute), inherit: true) == true;
}
