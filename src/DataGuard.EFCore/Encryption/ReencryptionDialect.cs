namespace DataGuard.EFCore.Encryption;

/// <summary>The SQL spellings of the re-encryption statements that differ between providers: a binary value's prefix
/// and a binary literal. Text prefixes are <c>substr</c> on every provider.</summary>
internal sealed class ReencryptionDialect
{
    private readonly string _provider;
    private readonly bool _npgsql;
    private readonly bool _sqlite;

    private ReencryptionDialect(string provider)
    {
        _provider = provider;
        _npgsql = provider.Contains("Npgsql", StringComparison.Ordinal);
        _sqlite = provider.Contains("Sqlite", StringComparison.Ordinal);
    }

    public static ReencryptionDialect For(string? provider) => new(provider ?? "");

    /// <summary>The first <paramref name="length"/> characters of a text column.</summary>
    public static string TextPrefix(string column, int length) => $"substr({column}, 1, {length})";

    /// <summary>The first <paramref name="length"/> bytes of a binary column.</summary>
    /// <exception cref="NotSupportedException">The provider is neither SQLite nor PostgreSQL.</exception>
    public string BinaryPrefix(string column, int length)
        => _npgsql ? $"substring({column} from 1 for {length})"
            : _sqlite ? TextPrefix(column, length)
            : throw new NotSupportedException($"Re-encrypting binary columns is supported on SQLite and PostgreSQL, not on {_provider}.");

    /// <summary>A binary literal of the bytes spelled by <paramref name="hex"/>.</summary>
    public string BinaryLiteral(string hex) => _npgsql ? $"'\\x{hex}'::bytea" : $"X'{hex}'";
}
