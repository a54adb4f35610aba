using System.Globalization;

namespace DataGuard.Encryption;

/// <summary>Reads a scalar column's legacy plaintext (written before the column was encrypted), in migration mode
/// (<see cref="EncryptionOptions.ReadLegacyPlaintext"/>) only.</summary>
internal static class LegacyPlaintext
{
    /// <exception cref="DataGuardCryptoException">The text is not a <typeparamref name="T"/>.</exception>
    public static T Parse<T>(string stored, ProtectedColumn column)
    {
        object? parsed = Type.GetTypeCode(typeof(T)) switch
        {
            TypeCode.Boolean => bool.TryParse(stored, out var b) ? b : stored == "1" ? true : stored == "0" ? false : null,
            TypeCode.Int32 => int.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            TypeCode.Int64 => long.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            TypeCode.Decimal => decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
            TypeCode.DateTime => DateTime.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt) ? dt : null,
            _ when typeof(T) == typeof(Guid) => Guid.TryParse(stored, out var g) ? g : null,
            _ when typeof(T) == typeof(DateOnly) => DateOnly.TryParse(stored, CultureInfo.InvariantCulture, out var date) ? date : null,
            _ when typeof(T) == typeof(DateTimeOffset)
                => DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dto) ? dto : null,
            _ => null,
        };
        return parsed is T value ? value : throw column.Fail($"the legacy value cannot be read as {typeof(T).Name}");
    }
}
