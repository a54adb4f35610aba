using DataGuard.Encryption;

namespace DataGuard.Model;

/// <summary>What an erasure request (GDPR Art. 17) does to an entity's rows of the data subject.</summary>
public enum ErasureAction
{
    /// <summary>Delete the rows.</summary>
    Delete = 0,
    /// <summary>Clear the personal properties (null, or a placeholder where the column is required) and clear blind
    /// indexes; the rows stay for statistics and referential integrity.</summary>
    Anonymize,
    /// <summary>Destroy the data subject's own key (crypto-shredding, needs <see cref="EncryptionOptions.SubjectKeys"/>),
    /// so every encrypted copy of the rows becomes unreadable; the rows stay. Without subject keys the rows are
    /// anonymised instead, and the erasure report says so.</summary>
    Shred,
}
