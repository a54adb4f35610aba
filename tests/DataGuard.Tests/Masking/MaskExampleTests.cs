using DataGuard.Masking;
using DataGuard.Masking.Redaction;
using DataGuard.Model;

namespace DataGuard.Tests.Masking;

public sealed class MaskExampleTests
{

    [Theory]
    [InlineData("ana@example.com")]
    [InlineData("")]
    [InlineData("x")]
    public void Erase_shows_the_same_placeholder_whatever_the_value(string value) =>
        Assert.Equal("***", TestMasking.Masker().Mask(value, MaskStyle.Erase));

    [Theory]
    [InlineData("***", 2)]
    [InlineData("[redacted]", 9)]
    [InlineData("x", 0)]
    [InlineData("xy", 1)]
    [InlineData("😀", 1)]
    [InlineData("<--->", 4)]
    [InlineData("----", 3)]
    public void Erase_writes_its_placeholder_only_when_it_fits(string placeholder, int tooSmall)
    {
        var masker = TestMasking.Masker(o => o.Placeholder = placeholder).GetMasker(MaskStyle.Erase);
        var destination = new char[placeholder.Length];

        Assert.False(masker.TryMask("ana", destination.AsSpan(0, tooSmall), out var none));
        Assert.Equal(0, none);
        Assert.True(masker.TryMask("ana", destination, out var written));
        Assert.Equal(placeholder, new string(destination, 0, written));
    }

    [Theory]
    [InlineData("***", "ana@example.com")]
    [InlineData("xy", "ana")]
    [InlineData("[.]", "x")]
    [InlineData("abcd", "4111111111111111")]
    [InlineData("[redacted]", "ana")]
    [InlineData("***", "")]
    public void The_erase_redactor_writes_the_placeholder_into_spans_and_returns_it_as_a_string(string placeholder, string value)
    {
        var redactor = new EraseRedactor(TestMasking.Masker(o => o.Placeholder = placeholder));
        var destination = new char[placeholder.Length + 4];
        Array.Fill(destination, '#');

        var written = redactor.Redact(value.AsSpan(), destination);

        Assert.Equal(placeholder.Length, redactor.GetRedactedLength(value));
        Assert.Equal(placeholder + "####", new string(destination, 0, written) + new string(destination, written, 4));
        Assert.Throws<ArgumentException>(() => redactor.Redact(value.AsSpan(), destination.AsSpan(0, placeholder.Length - 1)));
        Assert.Equal(value.Length == 0 ? "" : placeholder, redactor.Redact(value));
        Assert.Same(redactor.Redact("a"), redactor.Redact("another value")); // one string, not a new one per call
    }

    [Theory]
    [InlineData("Ana Silva", "A***a")]
    [InlineData("Ana", "A***a")]
    [InlineData("An", "***")]
    [InlineData("A", "***")]
    [InlineData("", "***")]
    [InlineData("😀bc😀", "😀***😀")]
    [InlineData("e\u0301abc\u0301", "e\u0301***c\u0301")]
    public void Partial_keeps_the_first_and_last_text_elements(string value, string expected) =>
        Assert.Equal(expected, TestMasking.Masker().Mask(value, MaskStyle.Partial));

    [Fact]
    public void Partial_keeps_as_many_elements_as_configured() =>
        Assert.Equal("An***va", TestMasking.Masker(o => (o.PartialKeepFirst, o.PartialKeepLast) = (2, 2)).Mask("Ana Silva", MaskStyle.Partial));

    [Theory]
    [InlineData("ana@example.com", "a***@example.com")]
    [InlineData("a@example.com", "***@example.com")]
    [InlineData("\"a@b\"@example.com", "\"***@example.com")]
    [InlineData("😀x@example.com", "😀***@example.com")]
    [InlineData("not an address", "***")]
    [InlineData("ana@", "***")]
    [InlineData("", "***")]
    public void Email_mask_keeps_the_first_character_and_the_domain(string value, string expected) =>
        Assert.Equal(expected, TestMasking.Masker().Mask(value, MaskStyle.Email));

    [Theory]
    [InlineData("ana@example.com", "a***@***.com")]
    [InlineData("ana@mail.example.co.uk", "a***@***.uk")]
    [InlineData("ana@localhost", "a***@***")]
    public void Email_mask_hides_the_domain_but_its_top_level_when_asked(string value, string expected) =>
        Assert.Equal(expected, TestMasking.Masker(o => o.EmailMaskDomain = true).Mask(value, MaskStyle.Email));

    [Theory]
    [InlineData("4111 1111 1111 1111", "**** **** **** 1111")]
    [InlineData("4111-1111-1111-1234", "****-****-****-1234")]
    [InlineData("DE89 3704 0044 0532 0130 00", "**** **** **** **** **30 00")]
    [InlineData("+351 (21) 123-4567", "+*** (**) ***-4567")]
    [InlineData("123456", "***456")]
    [InlineData("12", "*2")]
    [InlineData("1", "*")]
    [InlineData("", "***")]
    [InlineData("- -", "***")]
    public void Last4_keeps_the_last_four_and_the_separators_but_never_more_than_half(string value, string expected) =>
        Assert.Equal(expected, TestMasking.Masker().Mask(value, MaskStyle.Last4));

    [Fact]
    public void Null_mask_gives_null_and_null_stays_null()
    {
        var masker = TestMasking.Masker();
        Assert.Null(masker.Mask("ana@example.com", MaskStyle.Null));
        Assert.Null(masker.Mask(null, MaskStyle.Email));
        Assert.True(masker.TryMask("ana", MaskStyle.Null, [], out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Pseudonym_is_prefixed_with_the_key_id_and_has_the_configured_length()
    {
        var pseudonym = TestMasking.Masker(o => o.PseudonymLength = 10, TestMasking.Keys("k2024")).Mask("ana@example.com", MaskStyle.Pseudonym)!;

        Assert.StartsWith("k2024:", pseudonym, StringComparison.Ordinal);
        Assert.Equal("k2024:".Length + 10, pseudonym.Length);
        Assert.DoesNotContain("ana", pseudonym, StringComparison.Ordinal);
        Assert.Matches("^k2024:[A-Za-z0-9_-]{10}$", pseudonym);
    }

    [Fact]
    public void Pseudonym_without_a_key_fails_saying_it_needs_the_key_ring()
    {
        var masker = TestMasking.Masker(keys: DataGuard.Masking.MissingPseudonymKeyProvider.Instance);

        var ex = Assert.Throws<DataGuardException>(() => masker.Mask("ana@example.com", MaskStyle.Pseudonym));
        Assert.Contains("key ring", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ana", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Span_path_refuses_a_destination_that_is_too_small_and_writes_nothing()
    {
        var masker = TestMasking.Masker();
        Span<char> destination = stackalloc char[5];
        destination.Fill('#');

        Assert.False(masker.TryMask("4111 1111 1111 1111", MaskStyle.Last4, destination, out var written));
        Assert.Equal(0, written);
        Assert.Equal("#####", destination.ToString());
    }
}
