using System.Runtime.CompilerServices;

namespace DataGuard.EFCore.Purposes;

/// <summary>Entities a purpose scope handed out with masked fields, remembered (weakly) so that saving one with a
/// masked field marked modified is refused (<see cref="PurposeSaveChangesGuard"/>).</summary>
internal static class PurposeMaskedEntities
{
    private static readonly ConditionalWeakTable<object, PurposeMaskedEntity> Masked = [];
    private static int _ever;

    /// <summary>Whether any entity was ever masked in this process (the save guard does nothing before).</summary>
    public static bool Any => Volatile.Read(ref _ever) != 0;

    public static void Add(object entity, string purpose, IReadOnlyList<string> properties)
    {
        Masked.AddOrUpdate(entity, new PurposeMaskedEntity(purpose, properties));
        Volatile.Write(ref _ever, 1);
    }

    public static PurposeMaskedEntity? Find(object entity) => Masked.TryGetValue(entity, out var masked) ? masked : null;
}
