using System.Globalization;
using System.Text;
using DataGuard.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EntityFrameworkCore.Audit;

/// <summary>The SQL the appender runs, built once per EF Core model from its table and column names and the provider's
/// quoting, so it follows any renaming the application did in its model and works on every relational provider.</summary>
internal sealed class AuditSql
{
    public const int ColumnCount = 15;
    private const string AnnotationName = "DataGuard:AuditSql";

    private readonly string _insertPrefix;
    private readonly string[] _rowValues;
    private readonly string _fullInsert;

    private AuditSql(IModel model, ISqlGenerationHelper sql, string? provider)
    {
        // SQLite runs in-process and binds parameters by name, linearly, so multi-row VALUES cost more there: entries that
        // share their context go in through SharedInsert, others through one prepared single-row INSERT per entry.
        // Client-server databases pay a round trip per statement, so they get multi-row INSERTs.
        RowsPerInsert = provider == "Microsoft.EntityFrameworkCore.Sqlite" ? 1 : 64;
        var head = model.FindEntityType(typeof(AuditHeadRecord)) ?? throw new InvalidOperationException("The audit tables are not in this context's model: audit needs the context named by UseEntityFrameworkStores<TContext>().");
        var entries = model.FindEntityType(typeof(AuditEntryRecord))!;
        var headTable = Table(head, sql);
        var headObject = StoreObjectIdentifier.Table(head.GetTableName()!, head.GetSchema());
        string HeadColumn(string name) => sql.DelimitIdentifier(head.FindProperty(name)!.GetColumnName(headObject)!);
        var id = HeadColumn(nameof(AuditHeadRecord.Id));
        var sequence = HeadColumn(nameof(AuditHeadRecord.Sequence));
        var hash = HeadColumn(nameof(AuditHeadRecord.Hash));

        // An UPDATE that changes nothing still takes the row lock (PostgreSQL, SQL Server) or the database write lock
        // (SQLite) until the transaction ends: every appender waits here, then reads the head its predecessor committed.
        LockHead = $"UPDATE {headTable} SET {sequence} = {sequence} WHERE {id} = {AuditHeadRecord.SingletonId}";
        ReadHead = $"SELECT {sequence}, {hash} FROM {headTable} WHERE {id} = {AuditHeadRecord.SingletonId}";
        UpdateHead = $"UPDATE {headTable} SET {sequence} = @seq, {hash} = @hash WHERE {id} = {AuditHeadRecord.SingletonId}";

        var entriesObject = StoreObjectIdentifier.Table(entries.GetTableName()!, entries.GetSchema());
        var columns = Columns.Select(c => sql.DelimitIdentifier(entries.FindProperty(c)!.GetColumnName(entriesObject)!));
        var insertInto = $"INSERT INTO {Table(entries, sql)} ({string.Join(", ", columns)})";
        _insertPrefix = insertInto + " VALUES ";
        _rowValues = new string[RowsPerInsert];
        for (var row = 0; row < RowsPerInsert; row++)
        {
            _rowValues[row] = "(" + string.Join(", ", Enumerable.Range(0, ColumnCount).Select(c => ParameterName(row, c))) + ")";
        }

        _fullInsert = BuildInsert(RowsPerInsert);
        if (provider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // One statement for a whole append whose entries share time, actor, purpose, correlation id and details (every
            // SaveChanges): those are bound once, the entries' own texts arrive as one JSON array of arrays and their
            // hashes as one blob (the head's hash, then each entry's), so each entry's previous hash is the 32 bytes
            // before its own. Values come out with json_extract, which any SQLite with JSON1 has (built in since 3.38 and in
            // the e_sqlite3 that EF Core ships), rather than the ->> operator (3.38 on), which measured the same.
            // UniformInsert is the same for entries that also share action, entity type and properties and have no
            // masked values (a SaveChanges of one kind of change to one entity type): fewer values to extract per row.
            static string Values(int from, int count) => string.Join(", ", Enumerable.Range(from, count).Select(static i => string.Create(CultureInfo.InvariantCulture, $"json_extract(j.value, '$[{i}]')")));
            var hashes = string.Create(CultureInfo.InvariantCulture,
                $"substr(@hashes, j.key * {AuditChain.HashSize} + 1, {AuditChain.HashSize}), substr(@hashes, (j.key + 1) * {AuditChain.HashSize} + 1, {AuditChain.HashSize})");
            SharedInsert = $"{insertInto} SELECT @first + j.key, @timestamp, {Values(0, 1)}, @actor, {Values(1, 4)}, @purpose, @correlation, @details, {hashes}, {Values(5, 2)} FROM json_each(@rows) AS j";
            UniformInsert = $"{insertInto} SELECT @first + j.key, @timestamp, @action, @actor, {Values(0, 1)}, @entityType, {Values(1, 1)}, @properties, @purpose, @correlation, @details, {hashes}, NULL, {Values(2, 1)} FROM json_each(@rows) AS j";
        }
    }

    /// <summary>The columns in the order the appender binds them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        nameof(AuditEntryRecord.Sequence), nameof(AuditEntryRecord.Timestamp), nameof(AuditEntryRecord.Action),
        nameof(AuditEntryRecord.Actor), nameof(AuditEntryRecord.SubjectId), nameof(AuditEntryRecord.EntityType),
        nameof(AuditEntryRecord.EntityKey), nameof(AuditEntryRecord.Properties), nameof(AuditEntryRecord.Purpose),
        nameof(AuditEntryRecord.CorrelationId), nameof(AuditEntryRecord.Details), nameof(AuditEntryRecord.PreviousHash),
        nameof(AuditEntryRecord.Hash), nameof(AuditEntryRecord.Changes), nameof(AuditEntryRecord.SubjectKey),
    ];

    /// <summary>On SQLite, the statement that inserts a whole append whose entries share their context (see the
    /// constructor); null elsewhere.</summary>
    public string? SharedInsert { get; }

    /// <summary>On SQLite, <see cref="SharedInsert"/> for entries that also share action, entity type and properties and
    /// have no masked values; null elsewhere.</summary>
    public string? UniformInsert { get; }

    /// <summary>How many entries one INSERT statement carries.</summary>
    public int RowsPerInsert { get; }

    public string LockHead { get; }

    public string ReadHead { get; }

    public string UpdateHead { get; }

    public static AuditSql For(DbContext context)
        => context.Model.GetOrAddRuntimeAnnotationValue(AnnotationName, static c => new AuditSql(c!.Model, c.GetService<ISqlGenerationHelper>(), c.Database.ProviderName), context);

    public static string ParameterName(int row, int column) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"@p{row}_{column}");

    /// <summary>Whether the column at this position holds text (and may be null), so its parameter is typed as string.</summary>
    public static bool IsText(int column) => column is >= 2 and <= 10 or 13;

    public string Insert(int rows) => rows == RowsPerInsert ? _fullInsert : BuildInsert(rows);

    private string BuildInsert(int rows)
    {
        var text = new StringBuilder(_insertPrefix);
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "" : ", ").Append(_rowValues[row]);
        }

        return text.ToString();
    }

    private static string Table(IEntityType entityType, ISqlGenerationHelper sql)
        => sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
}
