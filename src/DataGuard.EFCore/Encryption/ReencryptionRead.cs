using DataGuard.Encryption;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// What one keyset-paged read of a <see cref="ReencryptionTarget"/> selects for each encrypted column: for the
/// re-encryption job, the stored value and blind index of rows holding a value to move; for the key-usage scan, only
/// the key-naming header of every value and whether it has a blind index.
/// </summary>
internal sealed class ReencryptionRead
{
    private readonly int? _activeKeyId;

    private ReencryptionRead(int? activeKeyId) => _activeKeyId = activeKeyId;

    /// <summary>The key-usage scan's read: every row, headers only.</summary>
    public static ReencryptionRead Headers { get; } = new(null);

    /// <summary>The re-encryption job's read: rows with a value not on <paramref name="activeKeyId"/>.</summary>
    public static ReencryptionRead ValuesToMove(int activeKeyId) => new(activeKeyId);

    /// <summary>The column's first expression: its stored value, or its header.</summary>
    public string Value(ReencryptionSql sql, ReencryptionColumn column)
    {
        var name = sql.Id(column.Column);
        return _activeKeyId is not null ? name
            : column.IsBinary ? sql.Dialect.BinaryPrefix(name, FieldFormat.HeaderSize)
            : ReencryptionDialect.TextPrefix(name, FieldFormat.TextHeaderLength);
    }

    /// <summary>The column's second expression: its blind index, or whether it has one (0 or 1).</summary>
    public string Index(ReencryptionSql sql, ReencryptionColumn column)
        => _activeKeyId is not null
            ? column.BlindIndexColumn is null ? "NULL" : sql.Id(column.BlindIndexColumn)
            : column.BlindIndexColumn is null ? "0" : $"CASE WHEN {sql.Id(column.BlindIndexColumn)} IS NULL THEN 0 ELSE 1 END";

    /// <summary>The condition a row must meet, or <see langword="null"/> for every row.</summary>
    public string? Filter(ReencryptionSql sql, IReadOnlyList<ReencryptionColumn> columns)
        => _activeKeyId is { } activeKeyId
            ? "(" + string.Join(" OR ", columns.Select(c => NeedsMove(sql, c, activeKeyId))) + ")"
            : null;

    /// <summary>SQL that is true when a column holds a value to move: not null, not empty, not a subject-key value (bound
    /// to its row or not), not on the active key with the binding the column wants (<see cref="ReencryptionColumn.DoneFlags"/>).
    /// Legacy plaintext is selected too; the job decides (and reports) in code.</summary>
    private static string NeedsMove(ReencryptionSql sql, ReencryptionColumn column, int activeKeyId)
    {
        var name = sql.Id(column.Column);
        if (column.IsBinary)
        {
            var dialect = sql.Dialect;
            var active = Convert.ToHexString(FieldFormat.Header(column.DoneFlags, activeKeyId));
            var subject = Convert.ToHexString([FieldFormat.Version1, FieldFlags.SubjectKey]);
            var boundSubject = Convert.ToHexString([FieldFormat.Version1, FieldFlags.SubjectKey | FieldFlags.RowBound]);
            return $"({name} IS NOT NULL AND length({name}) > 0 AND {dialect.BinaryPrefix(name, FieldFormat.HeaderSize)} <> {dialect.BinaryLiteral(active)} " +
                $"AND {dialect.BinaryPrefix(name, 2)} <> {dialect.BinaryLiteral(subject)} AND {dialect.BinaryPrefix(name, 2)} " +
                $"<> {dialect.BinaryLiteral(boundSubject)})";
        }

        // Base64 of the header's first three bytes (version, flags, top byte of the key id) is the prefix's first four
        // characters; the first three name version and flags for every key id below 2^30.
        var textHeader = FieldFormat.TextHeader(column.DoneFlags, activeKeyId);
        var subjectPrefix = FieldFormat.TextHeader(FieldFlags.SubjectKey, 0)[..(FieldFormat.TextPrefix.Length + 3)];
        var boundSubjectPrefix = FieldFormat.TextHeader(FieldFlags.SubjectKey | FieldFlags.RowBound, 0)[..(FieldFormat.TextPrefix.Length + 3)];
        return $"({name} IS NOT NULL AND {name} <> '' AND {ReencryptionDialect.TextPrefix(name, FieldFormat.TextHeaderLength)} <> '{textHeader}' " +
            $"AND {ReencryptionDialect.TextPrefix(name, subjectPrefix.Length)} <> '{subjectPrefix}' " +
            $"AND {ReencryptionDialect.TextPrefix(name, boundSubjectPrefix.Length)} <> '{boundSubjectPrefix}')";
    }
}
