using System.Reflection;
using DataGuard.EFCore.Model;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Encryption;

/// <summary>
/// One encrypted column as the re-encryption job and the key-usage scan see it: its stored form (text or binary), and
/// how to move a ring-key or legacy value to the active ring key. Subject-key values are never touched: they stay under
/// their subject's key, which is not part of the ring.
/// </summary>
internal sealed class ReencryptionColumn
{
    private static readonly MethodInfo ScalarMethod = typeof(ReencryptionColumn).GetMethod(nameof(Scalar), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<object, string?, (object Stored, string? Plain)> _move;

    private ReencryptionColumn(
        IProperty property,
        string column,
        string? blindIndexColumn,
        BlindIndexColumn? blindIndex,
        bool rowBound,
        Func<object, string?, (object Stored, string? Plain)> move)
    {
        Property = property;
        Column = column;
        BlindIndexColumn = blindIndexColumn;
        BlindIndex = blindIndex;
        RowBound = rowBound;
        _move = move;
    }

    public IProperty Property { get; }

    /// <summary>The column's name in the target's table.</summary>
    public string Column { get; }

    public bool IsBinary => Property.ClrType == typeof(byte[]);

    /// <summary>The column of the property's blind index, when it is searchable.</summary>
    public string? BlindIndexColumn { get; }

    public BlindIndexColumn? BlindIndex { get; }

    /// <summary>Whether the property's entity binds values to their row (<c>HasRowBinding()</c>): its ring-key values
    /// move to the active key bound to their row, and unbound ones are bound even when already on the active key.</summary>
    public bool RowBound { get; }

    /// <summary>The flags of a value this column's moves produce: on the ring, bound to the row or not.</summary>
    public byte DoneFlags => RowBound ? FieldFlags.RowBound : FieldFlags.RingKey;

    public static ReencryptionColumn? Create(IProperty property, StoreObjectIdentifier table, FieldEncryptor encryptor)
    {
        if (property.GetColumnName(table) is not { } column)
        {
            return null;
        }

        // The entity's DataGuard name, as the value converters and the SaveChanges path bind values to.
        var name = Model.EntityTypeSpecReader.DataGuardName(property);
        // A subject-key scalar's shadow property stores its member's values, bound to the member's name and read as its type.
        var member = Model.StoredFormProperty.MemberOf(property) is null ? null : Model.StoredFormProperty.Member(property);
        var protector = encryptor.Column(name, member?.Name ?? property.Name);
        var index = property.DeclaringType.GetProperties()
            .FirstOrDefault(p => p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf)?.Value as string == property.Name);
        var indexColumn = index?.GetColumnName(table);
        var clrType = member?.PropertyType ?? property.ClrType;
        var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
        var rowBound = property.DeclaringType is IEntityType entityType
            && entityType.GetAllBaseTypesInclusive().Any(static t => t.FindAnnotation(Model.DataGuardAnnotationNames.RowBinding)?.Value is true);
        var move = type == typeof(string)
            ? (stored, row) =>
            {
                var text = (string)stored;
                var plain = IsRowBoundValue(text) ? protector.DecryptString(text, row!) : protector.DecryptString(text);
                return (rowBound ? protector.EncryptString(plain, row!) : protector.EncryptString(plain), plain);
            }
            : type == typeof(byte[])
                ? (stored, row) =>
                {
                    var bytes = (byte[])stored;
                    var plain = IsRowBoundValue(bytes) ? protector.DecryptBytes(bytes, row!) : protector.DecryptBytes(bytes);
                    return (rowBound ? protector.EncryptBytes(plain, row!) : protector.EncryptBytes(plain), null);
                }
                : (Func<object, string?, (object, string?)>)ScalarMethod.MakeGenericMethod(type).Invoke(null, [protector])!;
        return new ReencryptionColumn(property, column, indexColumn, indexColumn is null ? null : encryptor.BlindIndex(name, property.Name), rowBound, move);
    }

    /// <summary>Whether a stored value must move: a ring-key value on another key than <paramref name="activeKeyId"/>,
    /// or not bound to its row as this column's entity wants (row binding added or removed), or legacy plaintext. Null
    /// and empty values (empty is how set-based anonymisation leaves a required column) and subject-key values (bound or
    /// not) stay.</summary>
    public bool NeedsMove(object? stored, int activeKeyId)
    {
        switch (stored)
        {
            case string text:
                if (text.Length == 0)
                {
                    return false;
                }

                if (!text.StartsWith(FieldFormat.TextPrefix, StringComparison.Ordinal))
                {
                    return true; // legacy plaintext (or damaged): decrypting decides
                }

                return !FieldFormat.TryReadTextHeader(text, out _, out var flags, out var keyId) || RingValueNeedsMove(flags, keyId, activeKeyId);
            case byte[] bytes:
                if (bytes.Length == 0)
                {
                    return false;
                }

                if (!FieldFormat.TryReadHeader(bytes, out var version, out var binaryFlags, out var binaryKeyId) || version != FieldFormat.Version1)
                {
                    return true;
                }

                return RingValueNeedsMove(binaryFlags, binaryKeyId, activeKeyId);
            default:
                return false;
        }
    }

    private bool RingValueNeedsMove(byte flags, int keyId, int activeKeyId)
        => (flags & FieldFlags.SubjectKey) == 0 && (keyId != activeKeyId || flags != DoneFlags);

    private static bool IsRowBoundValue(string text)
        => FieldFormat.TryReadTextHeader(text, out _, out var flags, out _) && flags == FieldFlags.RowBound;

    private static bool IsRowBoundValue(byte[] bytes)
        => FieldFormat.TryReadHeader(bytes, out _, out var flags, out _) && flags == FieldFlags.RowBound;

    /// <summary>Reads the key id a stored ring-key value (bound to its row or not) names; <see langword="false"/> for
    /// null, empty, legacy and subject-key values.</summary>
    public static bool TryReadRingKeyId(object? stored, out int keyId)
    {
        keyId = 0;
        return stored switch
        {
            string text
                => FieldFormat.TryReadTextHeader(text, out var version, out var flags, out keyId)
                    && version == FieldFormat.Version1
                    && flags is FieldFlags.RingKey or FieldFlags.RowBound,
            byte[] bytes
                => FieldFormat.TryReadHeader(bytes, out var version, out var flags, out keyId)
                    && version == FieldFormat.Version1
                    && flags is FieldFlags.RingKey or FieldFlags.RowBound,
            _ => false,
        };
    }

    /// <summary>Decrypts a stored ring-key or legacy value and encrypts it under the active ring key, bound to
    /// <paramref name="row"/> (the row's id, <see cref="ReencryptionTarget.RowId"/>) when the entity is row-bound.</summary>
    /// <returns>The new stored value, and the plaintext when the property is a string (for its blind index).</returns>
    /// <exception cref="DataGuardCryptoException">The value cannot be decrypted.</exception>
    public (object Stored, string? Plain) Move(object stored, string? row) => _move(stored, row);

    /// <summary>Scalars are never row-bound (the model refuses it), so their values move on the ring alone.</summary>
    private static Func<object, string?, (object, string?)> Scalar<T>(ProtectedColumn protector)
        => (stored, _) => (protector.EncryptScalar(protector.DecryptScalar<T>((string)stored)), null);
}
