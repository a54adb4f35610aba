namespace DataGuard.Keys;

/// <summary>The ring's keys as one read of the store found them: by id, the active data key, the blind-index key, and
/// when they were read. Published whole, so a reader never sees half a reload.</summary>
internal sealed record KeyRingSnapshot(Dictionary<int, KeyEntry> ById, KeyEntry? Active, KeyEntry? BlindIndex, DateTimeOffset LoadedAt)
{
    /// <summary>Unwraps the records, keeping the entries of <paramref name="previous"/> whose status is unchanged (keys
    /// do not change once created, only their status). Destroyed keys and keys without material are left out.</summary>
    public static KeyRingSnapshot Build(IReadOnlyList<DataKeyRecord> records, KeyRingSnapshot? previous, IKeyWrapper wrapper, DateTimeOffset now)
    {
        var byId = new Dictionary<int, KeyEntry>();
        foreach (var record in records)
        {
            if (record.Status == DataKeyStatus.Destroyed || record.WrappedKey is null)
            {
                continue;
            }

            byId[record.Id] = previous?.ById.TryGetValue(record.Id, out var existing) == true && existing.Status == record.Status
                ? existing
                : KeyEntry.Unwrap(wrapper, record);
        }

        // Entries no longer in the ring (retired, or replaced because their status changed) are dropped; in-flight
        // operations may still hold them, so they are left to the GC rather than disposed under a user.
        return new KeyRingSnapshot(
            byId,
            byId.Values.Where(static k => k is { Kind: DataKeyKind.Data, Status: DataKeyStatus.Active }).MaxBy(static k => k.Id),
            byId.Values.Where(static k => k.Kind == DataKeyKind.BlindIndex).MinBy(static k => k.Id),
            now);
    }

    /// <summary>Whether the records hold a key of <paramref name="kind"/> that serves: an active data key, or any
    /// blind-index key.</summary>
    public static bool Has(IReadOnlyList<DataKeyRecord> records, DataKeyKind kind)
        => kind == DataKeyKind.Data
            ? records.Any(static k => k is { Kind: DataKeyKind.Data, Status: DataKeyStatus.Active })
            : records.Any(static k => k.Kind == DataKeyKind.BlindIndex);
}
