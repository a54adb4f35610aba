using DataGuard.Masking;

namespace DataGuard.Tests.Masking;

/// <summary>A custom masker: the first letter of each word followed by a dot ("Ana Silva" → "A.S.").</summary>
internal sealed class InitialsMasker : IMasker
{
    public int GetMaskedLength(ReadOnlySpan<char> value) => 2 * Words(value);

    public bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        if (destination.Length < GetMaskedLength(value))
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != ' ' && (i == 0 || value[i - 1] == ' '))
            {
                destination[charsWritten++] = value[i];
                destination[charsWritten++] = '.';
            }
        }

        return true;
    }

    private static int Words(ReadOnlySpan<char> value)
    {
        var words = 0;
        for (var i = 0; i < value.Length; i++)
        {
            words += value[i] != ' ' && (i == 0 || value[i - 1] == ' ') ? 1 : 0;
        }

        return words;
    }
}
