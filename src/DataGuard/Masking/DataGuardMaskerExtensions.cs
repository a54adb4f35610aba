using System.Buffers;

namespace DataGuard.Masking;

/// <summary>String conveniences over the allocation-free span path of <see cref="IMasker"/>.</summary>
public static class DataGuardMaskerExtensions
{
    /// <summary>Masks a value into a new string.</summary>
    /// <param name="masker">The masker.</param>
    /// <param name="value">The value to mask.</param>
    /// <returns>The masked text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="masker"/> is null.</exception>
    /// <exception cref="DataGuardException">The masker needs more room than it announced, or a pseudonym was
    /// asked for without a pseudonym key.</exception>
    public static string Mask(this IMasker masker, ReadOnlySpan<char> value)
    {
        ArgumentNullException.ThrowIfNull(masker);
        Span<char> stack = stackalloc char[256];

        // Measured twice at most: a pseudonym key rotated between measuring and masking may change the length.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var length = masker.GetMaskedLength(value);
            if (length == 0)
            {
                return string.Empty;
            }

            var rented = length > 256 ? ArrayPool<char>.Shared.Rent(length) : null;
            try
            {
                var buffer = rented is null ? stack : rented.AsSpan();
                if (masker.TryMask(value, buffer[..length], out var written))
                {
                    return new string(buffer[..written]);
                }
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented, clearArray: true);
                }
            }
        }

        throw DataGuardErrors.Misconfigured($"The masker {masker.GetType().Name} needs more characters than its GetMaskedLength announced.");
    }

    /// <summary>Masks a value into a new string; <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <param name="masker">The masker.</param>
    /// <param name="value">The value to mask.</param>
    /// <returns>The masked text, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="masker"/> is null.</exception>
    /// <exception cref="DataGuardException">See <see cref="Mask(IMasker, ReadOnlySpan{char})"/>.</exception>
    public static string? Mask(this IMasker masker, string? value) => value is null ? null : masker.Mask(value.AsSpan());
}
