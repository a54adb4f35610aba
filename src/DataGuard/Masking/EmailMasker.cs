using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary><see cref="MaskStyle.Email"/>: the first text element of the local part and the domain
/// (<c>a***@example.com</c>); with <c>maskDomain</c> only the top-level domain stays (<c>a***@***.com</c>). A value
/// without '@' is not an address and shows only the placeholder.</summary>
internal sealed class EmailMasker(string placeholder, bool maskDomain) : IMasker
{
    public bool MaskDomain { get; } = maskDomain;

    public int GetMaskedLength(ReadOnlySpan<char> value)
    {
        Measure(value, out var head, out var domain);
        return domain < 0 ? placeholder.Length : head + placeholder.Length + 1 + (MaskDomain ? placeholder.Length : 0) + domain;
    }

    public bool TryMask(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        var length = GetMaskedLength(value);
        if (destination.Length < length)
        {
            charsWritten = 0;
            return false;
        }

        Measure(value, out var head, out var domain);
        if (domain < 0)
        {
            placeholder.CopyTo(destination);
        }
        else
        {
            value[..head].CopyTo(destination);
            var at = head;
            placeholder.CopyTo(destination[at..]);
            at += placeholder.Length;
            destination[at++] = '@';
            if (MaskDomain)
            {
                placeholder.CopyTo(destination[at..]);
                at += placeholder.Length;
            }

            value[(value.Length - domain)..].CopyTo(destination[at..]);
        }

        charsWritten = length;
        return true;
    }

    /// <summary><paramref name="head"/>: chars of the local part shown; <paramref name="domain"/>: chars shown after
    /// '@' (the whole domain, or the top-level domain with its dot), -1 when the value is not an address.</summary>
    private void Measure(ReadOnlySpan<char> value, out int head, out int domain)
    {
        // The last '@' separates local part and domain (RFC 5321 allows a quoted '@' in the local part).
        var at = value.LastIndexOf('@');
        if (at < 0 || at == value.Length - 1)
        {
            head = 0;
            domain = -1;
            return;
        }

        var local = value[..at];
        var host = value[(at + 1)..];

        // A one-element local part would be shown whole, so it is hidden entirely.
        head = TextElements.Count(local) > 1 ? TextElements.PrefixLength(local, 1) : 0;
        if (!MaskDomain)
        {
            domain = host.Length;
            return;
        }

        var dot = host.LastIndexOf('.');
        domain = dot <= 0 ? 0 : host.Length - dot;
    }
}
