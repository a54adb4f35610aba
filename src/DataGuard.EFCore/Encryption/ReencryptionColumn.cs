using System.Reflection;
using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EntityFrameworkCore.Encryption;

/// <summary>
/// One encrypted column as the re-encryption job and the key-usage scan see it: its stored form (text or binary), and
/// how to move a ring-key or legacy value to the active ring key. Subject-key values are never touched: they stay under
/// their subject's key, which is not part of the ring.
/// </summary>
internal sealed class ReencryptionColumn
{
    private static readonly MethodInfo ScalarMethod = typeof(ReencryptionColumn).GetMethod(nameof(Scalar), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<object, (object Stored, string? Plain)> _move;

    private ReencryptionColumn(IProperty property, string column, ProtectedColumn protector, string? blindIndexColumn, BlindIndexColumn? blindIndex, Func<object, (object Stored, string? Plain)> move)
    {
        Property = property;
        Column = column;
        Protector = protector;
        BlindIndexColumn = blindIndexColumn;
        BlindIndex = blindIndex;
        _move = move;
    }

    public IProperty Property { get; }

    /// <summary>The column's name in the target's table.</summary>
    public string Column { get; }

    public bool IsBinary => Property.ClrType == typeof(byte[]);

    public ProtectedColumn Protector { get; }

    /// <summary>The column of the property's blind index, when it is searchable.</summary>
    public string? BlindIndexColumn { get; }

    public BlindIndexColumn? BlindIndex { get; }

    public static ReencryptionColumn? Create(IProperty property, StoreObjectIdentifier table, FieldEncryptor encryptor)
    {
        if (property.GetColumnName(table) is not { } column)
        {
            return null;
        }

        var protector = encryptor.Column(property.DeclaringType.DisplayName(), property.Name);
        var index = property.DeclaringType.GetProperties().FirstOrDefault(p => p.FindAnnotation(EncryptionAnnotationNames.BlindIndexOf)?.Value as string == property.Name);
        var indexColumn = index?.GetColumnName(table);
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        Func<object, (object, string?)> move = type == typeof(string)
            ? stored =>
            {
                var plain = protector.DecryptString((string)stored);
                return (protector.EncryptString(plain), plain);
            }
            : type == typeof(byte[])
                ? stored => (protector.EncryptBytes(protector.DecryptBytes((byte[])stored)), null)
                : (Func<object, (object, string?)>)ScalarMethod.MakeGenericMethod(type).Invoke(null, [protector])!;
        return new ReencryptionColumn(property, column, protector, indexColumn, indexColumn is null ? null : encryptor.BlindIndex(property.DeclaringType.DisplayName(), property.Name), move);
    }

    /// <summary>Whether a stored value must move: on another ring key than <paramref name="activeKeyId"/>, or legacy
    /// plaintext. Null and empty values (empty is how set-based anonymisation leaves a required column) stay.</summary>
    public static bool NeedsMove(object? stored, int activeKeyId)
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

                return !FieldFormat.TryReadTextHeader(text, out _, out var flags, out var keyId) || (flags != FieldFlags.SubjectKey && keyId != activeKeyId);
            case byte[] bytes:
                if (bytes.Length == 0)
                {
                    return false;
                }

                if (!FieldFormat.TryReadHeader(bytes, out var version, out var binaryFlags, out var binaryKeyId) || version != FieldFormat.Version1)
                {
                    return true;
                }

                return binaryFlags != FieldFlags.SubjectKey && binaryKeyId != activeKeyId;
            default:
                return false;
        }
    }

    /// <summary>Reads the key id a stored ring-key value names; <see langword="false"/> for null, empty, legacy and
    /// subject-key values.</summary>
    public static bool TryReadRingKeyId(object? stored, out int keyId)
    {
        keyId = 0;
        return stored switch
        {
            string text => FieldFormat.TryReadTextHeader(text, out var version, out var flags, out keyId) && version == FieldFormat.Version1 && flags == FieldFlags.RingKey,
            byte[] bytes => FieldFormat.TryReadHeader(bytes, out var version, out var flags, out keyId) && version == FieldFormat.Version1 && flags == FieldFlags.RingKey,
            _ => false,
        };
    }

    /// <summary>Decrypts a stored ring-key or legacy value and encrypts it under the active ring key.</summary>
    /// <returns>The new stored value, and the plaintext when the property is a string (for its blind index).</returns>
    /// <exception cref="DataGuardCryptoException">The value cannot be decrypted.</exception>
    public (object Stored, string? Plain) Move(object stored) => _move(stored);

    private static Func<object, (object, string?)> Scalar<T>(ProtectedColumn protector)
        => stored => (protector.EncryptScalar(protector.DecryptScalar<T>((string)stored)), null);
}
