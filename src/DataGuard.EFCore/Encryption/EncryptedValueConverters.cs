using DataGuard.Encryption;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DataGuard.EFCore.Encryption;

/// <summary>Builds the value converter of an encrypted property: strings and scalars to prefixed base64 text, byte
/// arrays to binary. EF Core never passes null to a converter, so null stays null (and so the presence of a value is
/// visible in the database).</summary>
internal static class EncryptedValueConverters
{
    public static ValueConverter Create(Type clrType, ProtectedColumn column)
    {
        var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
        if (type == typeof(string))
        {
            return new ValueConverter<string, string>(v => column.EncryptString(v), v => column.DecryptString(v));
        }

        if (type == typeof(byte[]))
        {
            return new ValueConverter<byte[], byte[]>(v => column.EncryptBytes(v), v => column.DecryptBytes(v));
        }

        return (ValueConverter)typeof(EncryptedValueConverters)
            .GetMethod(nameof(Scalar), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type)
            .Invoke(null, [column])!;
    }

    private static ValueConverter<T, string> Scalar<T>(ProtectedColumn column)
        => new(v => column.EncryptScalar(v), v => column.DecryptScalar<T>(v));

    /// <summary>The longest text an encrypted string of <paramref name="maxChars"/> characters can become.</summary>
    public static int EncryptedTextLength(int maxChars)
        => FieldFormat.TextPrefix.Length + ((FieldFormat.CiphertextSize(maxChars * 3) + 2) / 3 * 4);
}
