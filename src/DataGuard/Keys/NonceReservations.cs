using System.Data.Common;
using DataGuard.Audit;
using DataGuard.Encryption;

namespace DataGuard.Keys;

/// <summary>
/// Usage counting for the nonce budget (<see cref="EncryptionOptions.NonceBudget"/>): encryptions are reserved in
/// blocks through the key store's shared count (<see cref="IEncryptionCountStore"/>), and the active data key is
/// rotated when its budget cannot give another block. Reservations run under the ring's load lock.
/// </summary>
internal sealed class NonceReservations(KeyRingContext context, KeyRingCache cache, KeyRingRotation rotation, Func<IAuditTrail>? audit)
{
    /// <summary>The largest block of encryptions an instance reserves at once: a crash loses at most this many of a
    /// key's budget, and a key's count is written once per block, not once per value.</summary>
    public const long MaxReservationBlock = 65_536;

    /// <summary>How many rounds one reservation before a save may take (reserve; or rotate, then reserve on the new
    /// key); if the store keeps refusing, the values' own path reserves again one at a time.</summary>
    private const int MaxRounds = 4;

    private readonly IEncryptionCountStore? _counts = context.Store as IEncryptionCountStore;
    private int _uncountedWarned;

    /// <summary>Whether the key store counts encryptions (otherwise the budget is not enforced).</summary>
    public bool IsCounted => _counts is not null;

    /// <summary>How many encryptions one reservation takes: at most <see cref="MaxReservationBlock"/>, and a sixteenth of
    /// a small budget, so that a small budget still spans several reservations.</summary>
    public static long ReservationBlock(long budget) => Math.Clamp(budget / 16, 1, MaxReservationBlock);

    /// <summary>Logs once that the store cannot count encryptions.</summary>
    public void WarnIfUncounted()
    {
        if (_counts is null && Interlocked.Exchange(ref _uncountedWarned, 1) == 0)
        {
            KeysLog.LogUncounted(context.Logger, context.Store.GetType().Name);
        }
    }

    /// <summary>Whether less than half a block, or less than <paramref name="encryptions"/>, is left for the active key.</summary>
    public bool NeedsReservation(KeyEntry active, long encryptions)
    {
        if (_counts is null)
        {
            return false;
        }

        var budget = context.Settings.NonceBudget;
        var wanted = Math.Max(Math.Max(1, ReservationBlock(budget) / 2), Math.Min(encryptions, budget));
        return active.EncryptionsLeft < wanted;
    }

    /// <summary>Reserves for the active key before the caller's transaction starts (a key-store write inside it would
    /// wait on its lock on SQLite): at least half a block, and at least what the save is about to encrypt.</summary>
    /// <returns>The rotation this call made, to be audited once the lock is released.</returns>
    public async ValueTask<BudgetRotation?> ReserveAsync(long encryptions, CancellationToken cancellationToken)
    {
        BudgetRotation? rotated = null;
        var rounds = 0;
        for (var active = cache.Current!.Active; active is not null
            && NeedsReservation(active, encryptions)
            && rounds++ < MaxRounds; active = cache.Current!.Active)
        {
            rotated = await ReplenishAsync(active, encryptions - active.EncryptionsLeft, cancellationToken).ConfigureAwait(false) ?? rotated;
        }

        return rotated;
    }

    /// <summary>Reserves the next block for <paramref name="key"/> while this value's encryption waits (the block ran
    /// out inside a save), or rotates when the key's budget is spent.</summary>
    public void ReplenishSync(KeyEntry key)
    {
        BudgetRotation? rotated;
        using (cache.Lock())
        {
            if (key.EncryptionsLeft > 0 || !ReferenceEquals(cache.Current?.Active, key))
            {
                return; // another thread reserved or rotated meanwhile
            }

            try
            {
                rotated = ReplenishAsync(key, 1, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (DbException ex)
            {
                // Reached inside a save whose reservation ran out: say what failed instead of a bare SQL error.
                throw new DataGuardCryptoException($"DataGuard could not reserve encryptions under data key {key.Id} in the key store (column " +
                    "DataGuardKeys.EncryptionsReserved, docs/encryption.md, \"Nonce budget\"). If the column is missing, add a migration; on SQLite, the " +
                    "reservation waits for the database's write lock, so it fails inside an application transaction that needs more than was reserved when " +
                    "it began.", keyId: key.Id, innerException: ex);
            }
        }

        if (rotated is not null)
        {
            AuditAsync(rotated, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Audits a rotation made because a key's budget was spent.</summary>
    public async ValueTask AuditAsync(BudgetRotation rotation, CancellationToken cancellationToken)
    {
        if (audit is not null)
        {
            await audit().RecordAsync(
                new AuditEvent(AuditActions.KeyRotated) { Details = $"key {rotation.Created} is the active data key: key {rotation.Previous} reached its " +
                    $"nonce budget of {rotation.Budget} encryptions" },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reserves blocks of encryptions for the active key in the key store's shared count (one atomic
    /// conditional update); when the key's budget cannot give a whole block, or another instance retired the key, moves
    /// to a new key. Runs under the load lock.</summary>
    private async ValueTask<BudgetRotation?> ReplenishAsync(KeyEntry key, long wanted, CancellationToken cancellationToken)
    {
        var budget = context.Settings.NonceBudget;
        var unit = ReservationBlock(budget);

        // Whole blocks, enough for what is wanted (a large save asks for more than one), never more than the budget.
        var block = Math.Min(budget, Math.Max(1, (wanted + unit - 1) / unit) * unit);
        if (await _counts!.TryReserveEncryptionsAsync(key.Id, block, budget, cancellationToken).ConfigureAwait(false))
        {
            key.AddEncryptions(block);
            return null;
        }

        // The budget is spent (or another instance rotated): of several instances, the one whose conditional update
        // makes the key decrypt-only creates the next key; the others load it.
        BudgetRotation? made = null;
        if (await _counts.TryDeactivateAsync(key.Id, context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            var created = await rotation.CreateAsync(DataKeyKind.Data, cancellationToken).ConfigureAwait(false);
            KeysLog.LogBudgetRotation(context.Logger, key.Id, budget, created.Id);
            made = new BudgetRotation(key.Id, created.Id, budget);
        }

        // The instance that retired the key may not have stored the next one yet: loading creates it then.
        await rotation.LoadAsync(cancellationToken).ConfigureAwait(false);
        return made;
    }
}
