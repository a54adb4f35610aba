namespace DataGuard.Model;

/// <summary>What retention does with a row whose period has ended.</summary>
public enum RetentionAction
{
    /// <summary>Delete the row.</summary>
    Delete = 0,
    /// <summary>Clear the personal properties and keep the row for statistics.</summary>
    Anonymize,
    /// <summary>Destroy the data subject's key so that every encrypted copy becomes unreadable (crypto-shredding).</summary>
    Shred,
}
