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
        if (typeof(T) == typeof(bool) && source.Length == 1 && source[0] <= 1)
        {
            var b = source[0] == 1;
            value = Unsafe.As<bool, T>(ref b);
            return true;
        }

        if (typeof(T) == typeof(int) && source.Length == 4)
        {
            var i = BinaryPrimitives.ReadInt32BigEndian(source);
            value = Unsafe.As<int, T>(ref i);
            return true;
        }

        if (typeof(T) == typeof(long) && source.Length == 8)
        {
            var l = BinaryPrimitives.ReadInt64BigEndian(source);
            value = Unsafe.As<long, T>(ref l);
            return true;
        }

        if (typeof(T) == typeof(decimal) && source.Length == 16)
        {
            Span<int> bits = stackalloc int[4];
            for (var i = 0; i < 4; i++)
            {
                bits[i] = BinaryPrimitives.ReadInt32BigEndian(source[(i * 4)..]);
            }

            try
            {
                var d = new decimal(bits);
                value = Unsafe.As<decimal, T>(ref d);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        if (typeof(T) == typeof(Guid) && source.Length == 16)
        {
            var g = new Guid(source, bigEndian: true);
            value = Unsafe.As<Guid, T>(ref g);
            return true;
        }

        if (typeof(T) == typeof(DateOnly) && source.Length == 4)
        {
            var day = BinaryPrimitives.ReadInt32BigEndian(source);
            if ((uint)day > (uint)DateOnly.MaxValue.DayNumber)
            {
                return false;
            }

            var d = DateOnly.FromDayNumber(day);
            value = Unsafe.As<DateOnly, T>(ref d);
            return true;
        }

        if (typeof(T) == typeof(DateTime) && source.Length == 8)
        {
            try
            {
                var dt = DateTime.FromBinary(BinaryPrimitives.ReadInt64BigEndian(source));
                value = Unsafe.As<DateTime, T>(ref dt);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        if (typeof(T) == typeof(DateTimeOffset) && source.Length == 10)
        {
            try
            {
                var dto = new DateTimeOffset(
                    BinaryPrimitives.ReadInt64BigEndian(source), TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16BigEndian(source[8..])));
                value = Unsafe.As<DateTimeOffset, T>(ref dto);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        return false;
    }
}
