using System.Globalization;
using System.Text;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>One table with encrypted columns, and the SQL that selects its rows not yet on a given key. A value's first
/// bytes name its key (<see cref="FieldFormat"/>), so the comparison needs no decryption.</summary>
internal sealed record ReencryptionTarget(IEntityType EntityType, IReadOnlyList<IProperty> Encrypted, IReadOnlyList<IProperty> OrderBy, IProperty? Key)
{
    public static IEnumerable<ReencryptionTarget> For(IModel model)
    {
        foreach (var entityType in model.GetEntityTypes())
        {
            if (entityType.BaseType is not null || entityType.IsOwned() || entityType.GetTableName() is null)
            {
                continue;
            }

            var encrypted = entityType.GetDerivedTypesInclusive()
                .SelectMany(static t => t.GetDeclaredProperties())
                // Subject-key values are on their subject's key, which is never rotated.
                .Where(static p => p.FindAnnotation(EncryptionAnnotationNames.Encrypted) is not null && p.FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted) is null)
                .ToList();
            if (encrypted.Count == 0)
            {
                continue;
            }

            var primaryKey = entityType.FindPrimaryKey()?.Properties ?? [];
            var key = primaryKey is [var single] && (single.ClrType == typeof(int) || single.ClrType == typeof(long) || single.ClrType == typeof(string))
                ? single
                : null; // keyset paging for simple keys; other keys rescan from the start, which the predicate keeps correct
            yield return new ReencryptionTarget(entityType, encrypted, primaryKey, key);
        }
    }

    public string SelectNotOnKey(DbContext context, int keyId)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(EntityType.GetTableName()!, EntityType.GetSchema());
        var provider = context.Database.ProviderName ?? "";
        var textHeader = FieldFormat.TextHeader(FieldFlags.RingKey, keyId);
        var binaryHeader = Convert.ToHexString(FieldFormat.Header(FieldFlags.RingKey, keyId));

        var where = new StringBuilder();
        foreach (var property in Encrypted)
        {
            var column = sql.DelimitIdentifier(property.GetColumnName(table)!);
            var notOnKey = (string?)property.FindAnnotation(EncryptionAnnotationNames.Encrypted)!.Value == "binary"
                ? provider.Contains("Npgsql", StringComparison.Ordinal)
                    ? $"substring({column} from 1 for {FieldFormat.HeaderSize}) <> '\\x{binaryHeader}'::bytea"
                    : provider.Contains("Sqlite", StringComparison.Ordinal)
                        ? $"substr({column}, 1, {FieldFormat.HeaderSize}) <> X'{binaryHeader}'"
                        : throw new NotSupportedException($"Re-encrypting binary columns is supported on SQLite and PostgreSQL, not on {provider}.")
                : $"substr({column}, 1, {FieldFormat.TextHeaderLength}) <> '{textHeader}'";
            where.Append(where.Length == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture, $"({column} IS NOT NULL AND {notOnKey})");
        }

        return $"SELECT * FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {where}";
    }
}
