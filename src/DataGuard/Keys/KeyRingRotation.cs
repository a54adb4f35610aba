using System.Security.Cryptography;

namespace DataGuard.Keys;

/// <summary>Creating the ring's keys: the first data and blind-index keys, and a new active data key on rotation. Every
/// method runs under the ring's load lock.</summary>
internal sealed class KeyRingRotation(KeyRingContext context, KeyRingCache cache)
{
    /// <summary>The keys a ring needs before it encrypts, in the order they are created.</summary>
    private static readonly DataKeyKind[] FirstKeys = [DataKeyKind.Data, DataKeyKind.BlindIndex];

    /// <summary>Reads the ring's keys, creates the first data and blind-index keys when missing, and publishes them.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var records = await context.ReadRingAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kind in FirstKeys)
        {
            if (!KeyRingSnapshot.Has(records, kind))
            {
                records = [.. records, await CreateAsync(kind, cancellationToken).ConfigureAwait(false)];
            }
        }

        cache.Publish(records);
    }

    /// <summary>Creates a new active data key and makes the previous ones decrypt-only.</summary>
    public async Task<DataKeyRecord> RotateAsync(CancellationToken cancellationToken)
    {
        var records = (await context.ReadRingAsync(cancellationToken).ConfigureAwait(false)).ToList();
        var now = context.Time.GetUtcNow();
        foreach (var previous in records.Where(static k => k is { Kind: DataKeyKind.Data, Status: DataKeyStatus.Active }))
        {
            previous.Status = DataKeyStatus.DecryptOnly;
            previous.StatusChangedAt = now;
            await context.Store.UpdateAsync(previous, cancellationToken).ConfigureAwait(false);
        }

        var created = await CreateAsync(DataKeyKind.Data, cancellationToken).ConfigureAwait(false);
        records.Add(created);
        cache.Publish(records);
        return created;
    }

    /// <summary>Creates and stores a new active key of <paramref name="kind"/>, its material wrapped and then zeroed.</summary>
    public async Task<DataKeyRecord> CreateAsync(DataKeyKind kind, CancellationToken cancellationToken)
    {
        var material = GC.AllocateArray<byte>(KeyEntry.KeySize, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(material);
            var record = new DataKeyRecord
            {
                Kind = kind,
                Status = DataKeyStatus.Active,
                TenantId = context.Tenant,
                WrappedKey = context.Wrapper.Wrap(material),
                CreatedAt = context.Time.GetUtcNow(),
            };
            var stored = await context.Store.AddAsync(record, cancellationToken).ConfigureAwait(false);
            KeysLog.LogKeyCreated(context.Logger, stored.Id, kind);
            return stored;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }
}
