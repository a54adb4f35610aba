namespace DataGuard.EFCore.Audit;

/// <summary>Where an <see cref="AuditEntryColumn"/>'s value comes from when a whole append goes in as one statement
/// (<see cref="AuditJsonInsertSql"/>).</summary>
internal enum AuditColumnRole
{
    /// <summary>The sequence: the append's first sequence plus the entry's position.</summary>
    Sequence,

    /// <summary>The previous hash: a slice of the append's hash blob.</summary>
    PreviousHash,

    /// <summary>The hash: the slice after <see cref="PreviousHash"/>.</summary>
    Hash,

    /// <summary>Shared by the entries of one SaveChanges (time, actor, purpose, correlation id, details): bound once.</summary>
    Context,

    /// <summary>What was done to which type (action, entity type, properties, masked changes): bound once when every entry
    /// shares it, one JSON value per entry otherwise.</summary>
    Kind,

    /// <summary>The entry's own (subject, entity key, subject key): one JSON value per entry.</summary>
    Own,
}
