using DataGuard.EFCore.Encryption;
using DataGuard.Keys;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Microsoft.EntityFrameworkCore;

/// <summary>What DataGuard knows about an entity read through a context.</summary>
public static class DataGuardEntityEntryExtensions
{
    /// <summary>
    /// Whether the entity was read after its data subject was crypto-shredded (<c>IKeyManager.ShredAsync</c>): its
    /// subject-key properties could not be decrypted and were set to <see langword="null"/>. Works for tracked and
    /// no-tracking entities (<c>db.Entry(entity)</c> does not attach an untracked one). An entity read before the
    /// shredding keeps its values until it is read again.
    /// </summary>
    /// <param name="entry">The entity's entry, from <c>db.Entry(entity)</c>.</param>
    /// <returns><see langword="true"/> when the subject's key was shredded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public static bool IsShredded(this EntityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return SubjectEncryptionBinding.IsShredded(entry.Entity);
    }
}
