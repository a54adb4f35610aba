using System.ComponentModel.DataAnnotations;
using DataGuard.Keys;

namespace DataGuard.Encryption;

/// <summary>Settings of field encryption, in <see cref="DataGuardOptions.Encryption"/>.</summary>
public sealed class EncryptionOptions
{
    /// <summary>
    /// Migration mode: while on, a stored value that is not in DataGuard's format is read as legacy plaintext instead
    /// of failing, so an existing column can be encrypted in place by the re-encryption job. Turn it off once the job
    /// has finished: with it on, a value an attacker writes in clear is accepted too.
    /// </summary>
    public bool ReadLegacyPlaintext { get; set; }

    /// <summary>Whether blind indexes ignore leading and trailing white space. Defaults to <see langword="true"/>.</summary>
    public bool BlindIndexTrim { get; set; } = true;

    /// <summary>Whether blind indexes ignore case (invariant lower-casing). Defaults to <see langword="true"/>.</summary>
    public bool BlindIndexCaseFold { get; set; } = true;

    /// <summary>How often an instance reloads the key ring to pick up rotations made by other instances. Defaults to
    /// five minutes.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many values one data key of the ring may encrypt before DataGuard rotates to a new key (logged, event 1103,
    /// and audited as <c>key.rotated</c>). AES-GCM with random 96-bit nonces is safe up to 2^32 encryptions under one key
    /// (NIST SP 800-38D, section 8.3); the count is kept in the key store and shared by every instance, reserved in
    /// blocks, so the budget holds across instances and restarts (docs/encryption.md, "Nonce budget"). Defaults to 2^30;
    /// at most 2^32.
    /// </summary>
    [Range(typeof(long), "1", "4294967296")]
    public long NonceBudget { get; set; } = DefaultNonceBudget;

    // The default NonceBudget: 2^30 encryptions, a quarter of the NIST bound.
    internal const long DefaultNonceBudget = 1L << 30;

    // The largest NonceBudget: 2^32 encryptions (NIST SP 800-38D, section 8.3).
    internal const long MaxNonceBudget = 1L << 32;

    /// <summary>
    /// Gives every data subject a data key of their own, created on the subject's first write, so that
    /// <see cref="Keys.IKeyManager.ShredAsync"/> can make the subject's encrypted fields unreadable everywhere
    /// (crypto-shredding). Off by default.
    /// </summary>
    public bool SubjectKeys { get; set; }

    /// <summary>
    /// Migration mode for <see cref="SubjectKeys"/>: while on, a value encrypted with a key of the ring (as every value
    /// was before subject keys were turned on) is still read in a row that has a data subject. Off by default, because
    /// such a value is bound to its column but to no subject: an attacker who can write to the database could put a
    /// value from a row without a subject (or from before the switch) into any subject's row. Turn it on while existing
    /// rows still hold ring-key values; each row moves to its subject's key when it is saved. Turn it off afterwards.
    /// </summary>
    public bool ReadRingKeyValuesInSubjectRows { get; set; }

    /// <summary>
    /// Migration mode for row binding (<c>HasRowBinding()</c>): while on, a value that is not bound to its row (written
    /// before row binding was turned on for its entity) is still read in a row-bound entity. Off by default, because such
    /// a value can be swapped with another row's unbound value (or replayed from a backup taken before the switch)
    /// without being detected. Turn it on while existing rows still hold unbound values, run the re-encryption job (it
    /// binds every ring-key value to its row; subject-key values are bound when their row is saved again), and turn it
    /// off afterwards.
    /// </summary>
    public bool ReadValuesWithoutRowBinding { get; set; }

    /// <summary>How many unwrapped subject keys an instance keeps in memory (<see cref="SubjectKeys"/>). Each holds a
    /// cipher context, about a kilobyte. Cached keys are read again from the key store after
    /// <see cref="KeyRefreshInterval"/>, so a subject shredded by another instance becomes unreadable here within that
    /// interval. Defaults to 10,000.</summary>
    public int SubjectKeyCacheSize { get; set; } = 10_000;

    /// <summary>For how many tenants an instance keeps unwrapped keys in memory: each tenant's key ring, subject-key
    /// cache (up to <see cref="SubjectKeyCacheSize"/> keys each) and key-encryption key. Using one more tenant evicts the
    /// least recently used one, whose keys are read and unwrapped again (through its key wrapper, perhaps an HSM) on its
    /// next use. Defaults to 1,000.</summary>
    public int TenantKeyCacheSize { get; set; } = 1_000;

    /// <summary>
    /// Which AES-256-GCM implementation encrypts fields: <see cref="CipherEngine.Auto"/> (the default) uses libsodium
    /// where the CPU supports it and the BCL's <c>AesGcm</c> elsewhere. Every engine reads and writes the same format, so
    /// this can change at any time, and instances with different engines share one database. Chosen once per
    /// application, at the key ring's first use, and logged (event 1000).
    /// </summary>
    public CipherEngine Engine { get; set; }

    /// <summary>How many rows the re-encryption job changes per transaction. Defaults to 1,000.</summary>
    public int ReencryptionBatchSize { get; set; } = 1_000;
}
