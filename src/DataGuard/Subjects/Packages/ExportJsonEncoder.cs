using System.Text.Encodings.Web;

namespace DataGuard.Subjects.Packages;

/// <summary>
/// Escapes only what JSON itself requires (RFC 8259 §7: the quotation mark, the reverse solidus and control characters
/// below U+0020), plus unpaired surrogates, which UTF-8 cannot carry. Every other character, non-ASCII letters,
/// <c>+</c> and emoji included, is written as UTF-8, so a person reading the export sees "Zoë +34 東京", not
/// <c>Zo\u00EB \u002B34</c>. The HTML-sensitive characters (<c>&lt; &gt; &amp; '</c>) stay too: the files travel inside a
/// ZIP package and are never embedded in a web page, which is the only place their escaping protects.
/// </summary>
internal sealed class ExportJsonEncoder : JavaScriptEncoder
{
    public static readonly ExportJsonEncoder Instance = new();

    private ExportJsonEncoder()
    {
    }

    /// <summary>A surrogate pair written as two <c>\uXXXX</c> escapes is the longest output.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 12;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c < 0x20 || c == '"' || c == '\\')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        if (!WillEncode(unicodeScalar))
        {
            return new System.Text.Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
        }

        ReadOnlySpan<char> escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => $"\\u{unicodeScalar:X4}",
        };
        if (escape.TryCopyTo(destination))
        {
            numberOfCharactersWritten = escape.Length;
            return true;
        }

        numberOfCharactersWritten = 0;
        return false;
    }

    public override bool WillEncode(int unicodeScalar)
        => unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\' || (unicodeScalar >= 0xD800 && unicodeScalar <= 0xDFFF);
}
