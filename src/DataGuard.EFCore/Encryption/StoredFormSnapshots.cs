using System.Runtime.CompilerServices;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// The plaintexts of an entity's subject-key scalars as last read or saved. EF Core does not track those class members
/// (their column belongs to a shadow property holding the stored form), so SaveChanges compares each member with its
/// snapshot to find what the application changed. Held weakly: an entity that is let go takes its snapshot with it.
/// </summary>
internal static class StoredFormSnapshots
{
    private static readonly ConditionalWeakTable<object, object?[]> Snapshots = new();

    public static void Remember(object entity, object?[] plaintexts) => Snapshots.AddOrUpdate(entity, plaintexts);

    /// <summary>The snapshot of an entity, or <see langword="null"/> when it was neither read nor saved here (created
    /// by the application and attached).</summary>
    public static object?[]? Of(object entity) => Snapshots.TryGetValue(entity, out var found) ? found : null;
}
