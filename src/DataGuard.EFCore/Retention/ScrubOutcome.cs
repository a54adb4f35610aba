namespace DataGuard.EFCore.Retention;

/// <summary>What <see cref="SqliteScrubber.CompleteAsync"/> could make sure of.</summary>
internal enum ScrubOutcome
{
    /// <summary>Not SQLite: DataGuard cannot reach the server's files (PostgreSQL keeps dead row versions until VACUUM and
    /// old page images in its WAL segments and archives; see docs/subject-rights.md).</summary>
    NotApplicable,

    /// <summary>Freed space was overwritten with zeros and the write-ahead log emptied: the database's files keep no copy.</summary>
    Scrubbed,

    /// <summary>A copy may remain: another connection kept the write-ahead log from being emptied for every attempt, or
    /// the journal mode keeps old pages (<c>PERSIST</c>).</summary>
    CopiesMayRemain,
}
