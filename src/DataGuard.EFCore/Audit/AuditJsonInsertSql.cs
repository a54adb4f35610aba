using System.Globalization;
using DataGuard.Audit;

namespace DataGuard.EFCore.Audit;

/// <summary>
/// On SQLite, one statement for a whole append whose entries share their context: the columns bound once
/// (<see cref="Once"/>, from the first entry) as <c>@Name</c>, the entries' own values as one JSON array of arrays
/// (<see cref="Json"/>, in that order) and their hashes as one blob (the head's hash, then each entry's), so each entry's
/// previous hash is the 32 bytes before its own. Values come out with <c>json_extract</c>, which any SQLite with JSON1
/// has (built in since 3.38 and in the e_sqlite3 that EF Core ships), rather than the <c>-&gt;&gt;</c> operator (3.38
/// on), which measured the same (benchmarks/README.md).
/// </summary>
internal sealed class AuditJsonInsertSql
{
    public const string First = "@first";
    public const string Hashes = "@hashes";
    public const string Rows = "@rows";

    /// <param name="insertInto">The <c>INSERT INTO table (columns)</c> of <paramref name="columns"/>, in their order.</param>
    /// <param name="columns">The table's columns, in the order <paramref name="insertInto"/> names them.</param>
    /// <param name="kindOnce">Whether the <see cref="AuditColumnRole.Kind"/> columns are bound once (entries that also
    /// share action, entity type and properties and have no masked values) rather than carried per entry.</param>
    public AuditJsonInsertSql(string insertInto, IReadOnlyList<AuditEntryColumn> columns, bool kindOnce)
    {
        var once = new List<AuditEntryColumn>();
        var json = new List<AuditEntryColumn>();
        var values = new List<string>(columns.Count);
        foreach (var column in columns)
        {
            var bindOnce = column.Role == AuditColumnRole.Context || (kindOnce && column.Role == AuditColumnRole.Kind);
            values.Add(column.Role switch
            {
                AuditColumnRole.Sequence => First + " + j.key",
                AuditColumnRole.PreviousHash => Slice("j.key"),
                AuditColumnRole.Hash => Slice("(j.key + 1)"),
                _ when bindOnce => ParameterName(column),
                _ => string.Create(CultureInfo.InvariantCulture, $"json_extract(j.value, '$[{json.Count}]')"),
            });
            (bindOnce ? once : json).Add(column);
        }

        Once = once;
        Json = json;
        Statement = $"{insertInto} SELECT {string.Join(", ", values)} FROM json_each({Rows}) AS j";
    }

    public string Statement { get; }

    /// <summary>The columns bound once, from the first entry.</summary>
    public IReadOnlyList<AuditEntryColumn> Once { get; }

    /// <summary>The columns each entry's JSON array carries, in its order.</summary>
    public IReadOnlyList<AuditEntryColumn> Json { get; }

    public static string ParameterName(AuditEntryColumn column) => "@" + column.Name;

    private static string Slice(string position)
        => string.Create(CultureInfo.InvariantCulture, $"substr({Hashes}, {position} * {AuditChain.HashSize} + 1, {AuditChain.HashSize})");
}
