using System.Data;
using System.Text.Json;
using DataGuard.Audit;

namespace DataGuard.EFCore.Audit;

/// <summary>One column of the audit entries table: the <see cref="AuditEntryRecord"/> property it maps, its length limit
/// in the table configuration, and how an <see cref="AuditEntry"/>'s value for it is bound. Every statement and binding
/// the appender uses is built from the list of these (<see cref="AuditEntryColumns.All"/>), so a value always reaches the
/// column named with it, whatever the order of the list.</summary>
internal sealed class AuditEntryColumn
{
    private readonly Func<AuditEntry, object> _value;
    private readonly Action<Utf8JsonWriter, AuditEntry> _writeJson;

    private AuditEntryColumn(
        string name,
        AuditColumnRole role,
        int? maxLength,
        DbType? type,
        Func<AuditEntry, object> value,
        Action<Utf8JsonWriter, AuditEntry> writeJson)
    {
        Name = name;
        Role = role;
        MaxLength = maxLength;
        Type = type;
        _value = value;
        _writeJson = writeJson;
    }

    /// <summary>The <see cref="AuditEntryRecord"/> property (and, by default, column) name.</summary>
    public string Name { get; }

    public AuditColumnRole Role { get; }

    /// <summary>The length limit the table configuration gives the column, if any.</summary>
    public int? MaxLength { get; }

    /// <summary>The parameter type: <see cref="DbType.String"/> for text (which may be null), the provider's inference otherwise.</summary>
    public DbType? Type { get; }

    public static AuditEntryColumn Text(string name, AuditColumnRole role, int? maxLength, Func<AuditEntry, string?> value)
        => new(name, role, maxLength, DbType.String, e => (object?)value(e) ?? DBNull.Value, (w, e) => w.WriteStringValue(value(e)));

    public static AuditEntryColumn Number(string name, AuditColumnRole role, Func<AuditEntry, long> value)
        => new(name, role, null, null, e => value(e), (w, e) => w.WriteNumberValue(value(e)));

    public static AuditEntryColumn Time(string name, AuditColumnRole role, Func<AuditEntry, DateTime> value)
        => new(name, role, null, null, e => value(e), (w, e) => w.WriteStringValue(value(e)));

    public static AuditEntryColumn Bytes(string name, AuditColumnRole role, int maxLength, Func<AuditEntry, ReadOnlyMemory<byte>> value)
        => new(name, role, maxLength, null, e => AuditEntryColumns.AsArray(value(e)), (w, e) => w.WriteBase64StringValue(value(e).Span));

    /// <summary>The entry's value as a parameter value (<see cref="DBNull"/> for null).</summary>
    public object Value(AuditEntry entry) => _value(entry);

    /// <summary>Writes the entry's value as one JSON value.</summary>
    public void WriteJson(Utf8JsonWriter writer, AuditEntry entry) => _writeJson(writer, entry);
}
