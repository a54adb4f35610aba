using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace DataGuard.Encryption;

/// <summary>
/// Fixed binary encodings of the scalar types a user may mark personal. The <c>typeof(T)</c> tests are constants to the
/// JIT, so each instantiation compiles to one branch and values are never boxed.
/// </summary>
internal static class ScalarCodec
{
    public const int MaxSize = 16;

    public static int Write<T>(T value, Span<byte> destination)
    {
        if (typeof(T) == typeof(bool))
        {
            destination[0] = Unsafe.As<T, bool>(ref value) ? (byte)1 : (byte)0;
            return 1;
        }

        if (typeof(T) == typeof(int))
        {
            BinaryPrimitives.WriteInt32BigEndian(destination, Unsafe.As<T, int>(ref value));
            return 4;
        }

        if (typeof(T) == typeof(long))
        {
            BinaryPrimitives.WriteInt64BigEndian(destination, Unsafe.As<T, long>(ref value));
            return 8;
        }

        if (typeof(T) == typeof(decimal))
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(Unsafe.As<T, decimal>(ref value), bits);
            for (var i = 0; i < 4; i++)
            {
                BinaryPrimitives.WriteInt32BigEndian(destination[(i * 4)..], bits[i]);
            }

            return 16;
        }

        if (typeof(T) == typeof(Guid))
        {
            Unsafe.As<T, Guid>(ref value).TryWriteBytes(destination, bigEndian: true, out var written);
            return written;
        }

        if (typeof(T) == typeof(DateOnly))
        {
            BinaryPrimitives.WriteInt32BigEndian(destination, Unsafe.As<T, DateOnly>(ref value).DayNumber);
            return 4;
        }

        if (typeof(T) == typeof(DateTime))
        {
            BinaryPrimitives.WriteInt64BigEndian(destination, Unsafe.As<T, DateTime>(ref value).ToBinary());
            return 8;
        }

        if (typeof(T) == typeof(DateTimeOffset))
        {
            var offset = Unsafe.As<T, DateTimeOffset>(ref value);
            BinaryPrimitives.WriteInt64BigEndian(destination, offset.Ticks);
            BinaryPrimitives.WriteInt16BigEndian(destination[8..], (short)offset.TotalOffsetMinutes);
            return 10;
        }

        throw new NotSupportedException($"{typeof(T).Name} cannot be encrypted by DataGuard.");
    }

    /// <returns><see langword="false"/> when the bytes do not have the type's size or are out of its range.</returns>
    public static bool TryRead<T>(ReadOnlySpan<byte> source, out T value)
    {
        value = default!;
        if (typeof(T) == typeof(bool))
        {
            return TryReadBoolean(source, out Unsafe.As<T, bool>(ref value));
        }

        if (typeof(T) == typeof(int))
        {
            return TryReadInt32(source, out Unsafe.As<T, int>(ref value));
        }

        if (typeof(T) == typeof(long))
        {
            return TryReadInt64(source, out Unsafe.As<T, long>(ref value));
        }

        if (typeof(T) == typeof(decimal))
        {
            return TryReadDecimal(source, out Unsafe.As<T, decimal>(ref value));
        }

        if (typeof(T) == typeof(Guid))
        {
            return TryReadGuid(source, out Unsafe.As<T, Guid>(ref value));
        }

        if (typeof(T) == typeof(DateOnly))
        {
            return TryReadDateOnly(source, out Unsafe.As<T, DateOnly>(ref value));
        }

        if (typeof(T) == typeof(DateTime))
        {
            return TryReadDateTime(source, out Unsafe.As<T, DateTime>(ref value));
        }

        if (typeof(T) == typeof(DateTimeOffset))
        {
            return TryReadDateTimeOffset(source, out Unsafe.As<T, DateTimeOffset>(ref value));
        }

        return false;
    }

    private static bool TryReadBoolean(ReadOnlySpan<byte> source, out bool value)
    {
        value = source.Length == 1 && source[0] == 1;
        return source.Length == 1 && source[0] <= 1;
    }

    private static bool TryReadInt32(ReadOnlySpan<byte> source, out int value)
    {
        value = source.Length == 4 ? BinaryPrimitives.ReadInt32BigEndian(source) : 0;
        return source.Length == 4;
    }

    private static bool TryReadInt64(ReadOnlySpan<byte> source, out long value)
    {
        value = source.Length == 8 ? BinaryPrimitives.ReadInt64BigEndian(source) : 0;
        return source.Length == 8;
    }

    private static bool TryReadDecimal(ReadOnlySpan<byte> source, out decimal value)
    {
        value = default;
        if (source.Length != 16)
        {
            return false;
        }

        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            bits[i] = BinaryPrimitives.ReadInt32BigEndian(source[(i * 4)..]);
        }

        try
        {
            value = new decimal(bits);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool TryReadGuid(ReadOnlySpan<byte> source, out Guid value)
    {
        value = source.Length == 16 ? new Guid(source, bigEndian: true) : default;
        return source.Length == 16;
    }

    private static bool TryReadDateOnly(ReadOnlySpan<byte> source, out DateOnly value)
    {
        value = default;
        if (source.Length != 4)
        {
            return false;
        }

        var day = BinaryPrimitives.ReadInt32BigEndian(source);
        if ((uint)day > (uint)DateOnly.MaxValue.DayNumber)
        {
            return false;
        }

        value = DateOnly.FromDayNumber(day);
        return true;
    }

    private static bool TryReadDateTime(ReadOnlySpan<byte> source, out DateTime value)
    {
        value = default;
        if (source.Length != 8)
        {
            return false;
        }

        try
        {
            value = DateTime.FromBinary(BinaryPrimitives.ReadInt64BigEndian(source));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool TryReadDateTimeOffset(ReadOnlySpan<byte> source, out DateTimeOffset value)
    {
        value = default;
        if (source.Length != 10)
        {
            return false;
        }

        try
        {
            value = new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(source), TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16BigEndian(source[8..])));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
