using System.ComponentModel.DataAnnotations;
using DataGuard.Model;

namespace DataGuard.Masking;

/// <summary>How DataGuard's masks look, configured with <c>AddDataGuard().AddMasking(o =&gt; …)</c> and validated when
/// the host starts.</summary>
public sealed class MaskingOptions
{
    /// <summary>What replaces hidden text, for example the whole value under <see cref="MaskStyle.Erase"/>. 1 to 32
    /// characters; defaults to <c>***</c>.</summary>
    [Required(AllowEmptyStrings = true)]
    [Length(1, 32)]
    public string Placeholder { get; set; } = "***";

    /// <summary>How many leading text elements <see cref="MaskStyle.Partial"/> keeps (0 to 8); defaults to 1.</summary>
    [Range(0, 8)]
    public int PartialKeepFirst { get; set; } = 1;

    /// <summary>How many trailing text elements <see cref="MaskStyle.Partial"/> keeps (0 to 8); defaults to 1.</summary>
    [Range(0, 8)]
    public int PartialKeepLast { get; set; } = 1;

    /// <summary>Whether <see cref="MaskStyle.Email"/> hides the domain too, keeping only the top-level domain
    /// (<c>a***@***.com</c>); defaults to <see langword="false"/> (<c>a***@example.com</c>).</summary>
    public bool EmailMaskDomain { get; set; }

    /// <summary>How many hash characters a <see cref="MaskStyle.Pseudonym"/> has after its key id (8 to 43; each
    /// carries 6 bits); defaults to 16 (96 bits, no collisions expected below billions of values).</summary>
    [Range(8, PseudonymMasker.MaxLength)]
    public int PseudonymLength { get; set; } = 16;

    /// <summary>
    /// The id written in front of every pseudonym, for a key supplied here rather than by DataGuard's key ring: 1 to
    /// 16 letters, digits, '-', '_' or '.'. Set together with <see cref="PseudonymKey"/>.
    /// </summary>
    public string? PseudonymKeyId { get; set; }

    /// <summary>
    /// A pseudonym key supplied here rather than by DataGuard's key ring: base64 of at least 32 random bytes, from your
    /// secret store, never from source code. Set together with <see cref="PseudonymKeyId"/>. Without a key,
    /// <see cref="MaskStyle.Pseudonym"/> fails with a <see cref="DataGuardException"/>.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Your own maskers by name, selected on a property with <see cref="MaskWithAttribute"/>; names are
    /// case-insensitive. Prefer <c>AddMasker(name, masker)</c> on the DataGuard builder.</summary>
    public IDictionary<string, IMasker> Maskers { get; } = new Dictionary<string, IMasker>(StringComparer.OrdinalIgnoreCase);
}
