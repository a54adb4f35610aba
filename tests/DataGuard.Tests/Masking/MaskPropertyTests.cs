using System.Globalization;
using DataGuard.Masking;
using DataGuard.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Masking;

/// <summary>What each strategy reveals, counted in text elements of the input that appear in the output.</summary>
public sealed class MaskPropertyTests
{
    private const string Placeholder = "***";

    private static List<string> Graphemes(string text)
    {
        var result = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            result.Add(e.GetTextElement());
        }

        return result;
    }

    [Property(MaxTest = 1000)]
    public Property Text_elements_agree_with_StringInfo_including_the_ascii_fast_path() =>
        Prop.ForAll(MaskGenerators.TextWithOrphans(), elements =>
        {
            var value = string.Concat(elements);
            var expected = Graphemes(value);
            return TextElements.Count(value) == expected.Count
                   && Enumerable.Range(0, expected.Count + 1).All(k => TextElements.PrefixLength(value, k) == string.Concat(expected.Take(k)).Length);
        });

    [Property(MaxTest = 500)]
    public Property Erase_reveals_nothing_not_even_the_length() =>
        Prop.ForAll(MaskGenerators.Text(), elements => TestMasking.Masker().Mask(string.Concat(elements), MaskStyle.Erase) == Placeholder);

    [Property(MaxTest = 500)]
    public Property Partial_reveals_at_most_keep_first_plus_keep_last_elements_and_never_all() =>
        Prop.ForAll(MaskGenerators.Text(), Arb.From(Gen.Choose(0, 3).Two()), (elements, keep) =>
        {
            var value = string.Concat(elements);
            var input = Graphemes(value);
            var masked = TestMasking.Masker(o => (o.PartialKeepFirst, o.PartialKeepLast) = keep).Mask(value, MaskStyle.Partial)!;

            var revealed = Graphemes(masked).Count - Graphemes(Placeholder).Count;
            var expected = input.Count <= keep.Item1 + keep.Item2
                ? Placeholder
                : string.Concat(input.Take(keep.Item1)) + Placeholder + string.Concat(input.TakeLast(keep.Item2));
            return masked == expected
                   && revealed <= keep.Item1 + keep.Item2
                   && (input.Count == 0 || revealed < input.Count)
                   && masked.Length <= value.Length + Placeholder.Length;
        });

    [Property(MaxTest = 500)]
    public Property Email_reveals_at_most_one_element_of_the_local_part() =>
        Prop.ForAll(MaskGenerators.Emails(), Arb.From(Gen.Elements(false, true)), (email, maskDomain) =>
        {
            var local = string.Concat(email.Local);
            var domain = string.Concat(email.Domain) + "." + string.Concat(email.Tld);
            var value = local + "@" + domain;
            var masked = TestMasking.Masker(o => o.EmailMaskDomain = maskDomain).Mask(value, MaskStyle.Email)!;

            var at = masked.LastIndexOf('@');
            var shownLocal = Graphemes(masked[..at]).Count - Graphemes(Placeholder).Count;
            var shownDomain = masked[(at + 1)..];
            var localCount = Graphemes(local).Count;
            return shownLocal <= 1
                   && (localCount > 1 || shownLocal == 0)
                   && masked[..at].EndsWith(Placeholder, StringComparison.Ordinal)
                   && local.StartsWith(masked[..(at - Placeholder.Length)], StringComparison.Ordinal)
                   && (maskDomain ? shownDomain == Placeholder + "." + string.Concat(email.Tld).Split('.')[^1] : shownDomain == domain)
                   && masked.Length <= value.Length + (2 * Placeholder.Length);
        });

    [Property(MaxTest = 500)]
    public Property Last4_reveals_at_most_four_and_at_most_half_of_the_non_separators() =>
        Prop.ForAll(MaskGenerators.Text(), elements =>
        {
            var value = string.Concat(elements);
            var input = Graphemes(value);
            var masked = TestMasking.Masker().Mask(value, MaskStyle.Last4)!;
            var significant = input.Count(e => !Last4Masker.IsSeparator(e));
            if (significant == 0)
            {
                return masked == Placeholder;
            }

            var output = Graphemes(masked);
            var revealed = output.Count(e => e != "*" && !Last4Masker.IsSeparator(e));
            var sameShape = output.Count == input.Count
                && output.Zip(input).All(p => p.First == p.Second || (p.First == "*" && !Last4Masker.IsSeparator(p.Second)));
            return sameShape && revealed <= Math.Min(4, significant / 2) && masked.Length <= value.Length;
        });

    [Property(MaxTest = 300)]
    public Property Span_and_string_paths_agree_and_outputs_are_well_formed_for_every_style() =>
        Prop.ForAll(MaskGenerators.Text(60),
            Arb.From(Gen.Elements(MaskStyle.Erase, MaskStyle.Partial, MaskStyle.Email, MaskStyle.Last4, MaskStyle.Pseudonym, MaskStyle.Null)),
                (elements, style) =>
        {
            var value = string.Concat(elements);
            var masker = TestMasking.Masker();
            var imasker = masker.GetMasker(style);
            var length = imasker.GetMaskedLength(value);
            var buffer = new char[length + 8];
            var ok = masker.TryMask(value, style, buffer, out var written);
            var viaString = imasker.Mask(value);
            var tooSmall = length == 0 || !imasker.TryMask(value, new char[length - 1], out _);
            return ok && written == length && new string(buffer, 0, written) == viaString && tooSmall && MaskGenerators.IsWellFormed(viaString);
        });

    [Property(MaxTest = 200)]
    public Property Output_length_is_bounded_by_the_strategy() =>
        Prop.ForAll(MaskGenerators.Text(80), elements =>
        {
            var value = string.Concat(elements);
            var masker = TestMasking.Masker(keys: TestMasking.Keys("k1"));
            return masker.Mask(value, MaskStyle.Erase)!.Length == Placeholder.Length
                   && masker.Mask(value, MaskStyle.Partial)!.Length <= Math.Max(Placeholder.Length, value.Length + Placeholder.Length - 1)
                   && masker.Mask(value, MaskStyle.Email)!.Length <= value.Length + (2 * Placeholder.Length)
                   && masker.Mask(value, MaskStyle.Last4)!.Length <= Math.Max(Placeholder.Length, value.Length)
                   && masker.Mask(value, MaskStyle.Pseudonym)!.Length == "k1:".Length + 16;
        });
}
