using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Model;

/// <summary>
/// The name map of subject-key scalars. A personal <c>DateOnly BirthDate</c> encrypted with the subject's key cannot
/// hold its own stored text, so EF Core maps a shadow string property (<c>BirthDate_DataGuardStored</c>) to the column
/// instead and ignores the class member. The personal-data model keeps the member's name and type; whatever looks a
/// personal field up in the EF Core model by that name (export, erasure, retention, re-encryption) goes through here.
/// </summary>
internal static class StoredFormProperty
{
    private const string Suffix = "_DataGuardStored";

    /// <summary>The name of the shadow property that stores <paramref name="member"/>'s value.</summary>
    public static string NameFor(string member) => member + Suffix;

    /// <summary>The member whose value <paramref name="property"/> stores, or <see langword="null"/> when it is an
    /// ordinary property.</summary>
    public static string? MemberOf(IReadOnlyProperty property)
        => property.FindAnnotation(DataGuardAnnotationNames.StoredFormOf)?.Value as string;

    /// <summary>The personal-data model's name for <paramref name="property"/>: its member's name for a stored form.</summary>
    public static string PersonalName(IReadOnlyProperty property) => MemberOf(property) ?? property.Name;

    /// <summary>The class member a stored-form property stores the value of.</summary>
    public static PropertyInfo Member(IReadOnlyProperty property)
        => property.DeclaringType.ClrType.GetProperty(MemberOf(property)!, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>The property that holds the column of the personal field <paramref name="name"/>: the property of that
    /// name, or the shadow property storing the member of that name.</summary>
    public static IProperty? Find(IEntityType entityType, string name)
        => entityType.FindProperty(name) ?? (entityType.FindProperty(NameFor(name)) is { } stored && MemberOf(stored) == name ? stored : null);

    /// <inheritdoc cref="Find(IEntityType, string)"/>
    public static IReadOnlyProperty? Find(IReadOnlyEntityType entityType, string name)
        => entityType.FindProperty(name) ?? (entityType.FindProperty(NameFor(name)) is { } stored && MemberOf(stored) == name ? stored : null);

    /// <summary>Whether an entity type has subject-key scalars (cached on the type).</summary>
    public static bool HasAny(IEntityType entityType)
        => entityType.GetOrAddRuntimeAnnotationValue(
            DataGuardAnnotationNames.StoredFormOf,
            static type => type!.GetProperties().Any(static p => MemberOf(p) is not null),
            entityType);
}
