using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EFCore.Audit;

/// <summary>The SQL the appender runs, built once per EF Core model from its table and column names and the provider's
/// quoting, so it follows any renaming the application did in its model and works on every relational provider. Every
/// statement names its columns from one list (<see cref="Columns"/>), and every value is bound from the same list.</summary>
internal sealed class AuditSql
{
    private const string AnnotationName = "DataGuard:AuditSql";
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    private readonly string _insertPrefix;
    private readonly string[] _rowValues;
    private readonly string _fullInsert;

    private AuditSql(IModel model, ISqlGenerationHelper sql, string? provider, IReadOnlyList<AuditEntryColumn> columns)
    {
        // SQLite runs in-process and binds parameters by name, linearly, so multi-row VALUES cost more there: entries that
        // share their context go in through one JSON statement (AuditJsonInsertSql), others through one prepared single-row
        // INSERT per entry. Client-server databases pay a round trip per statement, so they get multi-row INSERTs.
        RowsPerInsert = provider == Sqlite ? 1 : 64;
        Columns = columns;
        var head = model.FindEntityType(typeof(AuditHeadRecord))
            ?? throw new InvalidOperationException("The audit tables are not in this context's model: audit needs the context named by " +
                "UseEntityFrameworkStores<TContext>().");
        var headTable = Table(head, sql);
        var headObject = StoreObjectIdentifier.Table(head.GetTableName()!, head.GetSchema());
        string HeadColumn(string name) => sql.DelimitIdentifier(head.FindProperty(name)!.GetColumnName(headObject)!);
        var id = HeadColumn(nameof(AuditHeadRecord.Id));
        var tenant = HeadColumn(nameof(AuditHeadRecord.TenantId));
        var sequence = HeadColumn(nameof(AuditHeadRecord.Sequence));
        var hash = HeadColumn(nameof(AuditHeadRecord.Hash));

        // An UPDATE that changes nothing still takes the row lock (PostgreSQL, SQL Server) or the database write lock
        // (SQLite) until the transaction ends: every appender waits here, then reads the head its predecessor committed.
        // The platform's head row locks the appends of every chain, so a tenant's first append can add its head row
        // without racing another.
        LockHead = $"UPDATE {headTable} SET {sequence} = {sequence} WHERE {id} = {AuditHeadRecord.SingletonId}";
        ReadHead = $"SELECT {sequence}, {hash} FROM {headTable} WHERE {tenant} = {Tenant}";
        AddHead = $"INSERT INTO {headTable} ({id}, {tenant}, {sequence}, {hash}) SELECT COALESCE(MAX({id}), 0) + 1, {Tenant}, 0, @hash FROM {headTable}";
        UpdateHead = $"UPDATE {headTable} SET {sequence} = @seq, {hash} = @hash WHERE {tenant} = {Tenant}";

        var entries = model.FindEntityType(typeof(AuditEntryRecord))!;
        var entriesObject = StoreObjectIdentifier.Table(entries.GetTableName()!, entries.GetSchema());
        var names = columns.Select(c => sql.DelimitIdentifier(entries.FindProperty(c.Name)!.GetColumnName(entriesObject)!));
        var insertInto = $"INSERT INTO {Table(entries, sql)} ({string.Join(", ", names)})";
        _insertPrefix = insertInto + " VALUES ";
        _rowValues = new string[RowsPerInsert];
        for (var row = 0; row < RowsPerInsert; row++)
        {
            _rowValues[row] = "(" + string.Join(", ", columns.Select(c => ParameterName(row, c))) + ")";
        }

        _fullInsert = BuildInsert(RowsPerInsert);
        if (provider == Sqlite)
        {
            SharedInsert = new AuditJsonInsertSql(insertInto, columns, kindOnce: false);
            UniformInsert = new AuditJsonInsertSql(insertInto, columns, kindOnce: true);
        }
    }

    /// <summary>The columns, in the order every statement names them and every row binds them.</summary>
    public IReadOnlyList<AuditEntryColumn> Columns { get; }

    /// <summary>On SQLite, the statement that inserts a whole append whose entries share their context; null elsewhere.</summary>
    public AuditJsonInsertSql? SharedInsert { get; }

    /// <summary>On SQLite, <see cref="SharedInsert"/> for entries that also share action, entity type and properties and
    /// have no masked values (a SaveChanges of one kind of change to one entity type): fewer values to extract per row;
    /// null elsewhere.</summary>
    public AuditJsonInsertSql? UniformInsert { get; }

    /// <summary>How many entries one INSERT statement carries.</summary>
    public int RowsPerInsert { get; }

    public string LockHead { get; }

    /// <summary>The parameter naming the chain in <see cref="ReadHead"/>, <see cref="AddHead"/> and <see cref="UpdateHead"/>.</summary>
    public const string Tenant = "@tenant";

    public string ReadHead { get; }

    /// <summary>Adds a tenant chain's head row at sequence 0 (run under <see cref="LockHead"/>, when there is none).</summary>
    public string AddHead { get; }

    public string UpdateHead { get; }

    public static AuditSql For(DbContext context)
        => context.Model.GetOrAddRuntimeAnnotationValue(AnnotationName, static c => Create(c!, AuditEntryColumns.All), context);

    /// <summary>The SQL for the columns in the given order (the model's is <see cref="AuditEntryColumns.All"/>).</summary>
    public static AuditSql Create(DbContext context, IReadOnlyList<AuditEntryColumn> columns)
        => new(context.Model, context.GetService<ISqlGenerationHelper>(), context.Database.ProviderName, columns);

    /// <summary>The parameter of <paramref name="column"/> in row <paramref name="row"/> of a multi-row INSERT.</summary>
    public static string ParameterName(int row, AuditEntryColumn column) => string.Create(CultureInfo.InvariantCulture, $"@{column.Name}_{row}");

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
