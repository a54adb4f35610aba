namespace DataGuard.EFCore.Retention;

/// <summary>Data was destroyed and committed, but a copy may remain in the database's files (see <see cref="SqliteScrubber"/>).
/// Thrown where an operation has no report to say so on (the key store's shred).</summary>
internal sealed class DatabaseResidueException(string message) : DataGuardException(message)
{
}
