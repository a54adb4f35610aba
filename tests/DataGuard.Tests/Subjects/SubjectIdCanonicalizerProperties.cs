using System.Globalization;
using DataGuard.Subjects;
using DataGuard.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DataGuard.Tests.Subjects;

/// <summary>The rule itself: every text either maps to the one canonical id of the subject it spells, or is refused;
/// canonical ids are fixed points.</summary>
public sealed class SubjectIdCanonicalizerProperties
{
    private static readonly SubjectIdCanonicalizer Guids = new([typeof(Guid)]);
    private static readonly SubjectIdCanonicalizer Ints = new([typeof(int), typeof(int?)]);
    private static readonly SubjectIdCanonicalizer Mixed = new([typeof(Guid), typeof(long)]);
    private static readonly SubjectIdCanonicalizer Strings = new([typeof(Guid), typeof(string)]);

    /// <summary>Any text, and texts near the accepted forms.</summary>
    private static Arbitrary<string> Texts => Arb.From(Gen.OneOf(
        ArbMap.Default.GeneratorFor<NonEmptyString>().Select(static s => s.Get),
        Gen.Fresh(Guid.NewGuid).Zip(Gen.Choose(0, 100)).Select(static p => SubjectSpellings.Of(p.Item1)[p.Item2 % 11]),
        ArbMap.Default.GeneratorFor<long>().Zip(Gen.Choose(0, 100)).Select(static p => SubjectSpellings.Of(p.Item1)[p.Item2 % 5]),
        Gen.Fresh(Guid.NewGuid).Zip(Gen.Choose(0, 100)).Select(static p => SubjectSpellings.NotAGuid(p.Item1)[p.Item2 % 6])));

    [Property(MaxTest = 500)]
    public Property A_guid_model_maps_a_text_to_the_guid_it_spells_or_refuses_it() => Prop.ForAll(Texts, text =>
    {
        var accepted = Guids.TryCanonicalize(text, out var id);
        var isGuid = Guid.TryParse(text, out var guid);
        return (accepted == isGuid && (!accepted || (id.Value == guid.ToString("D") && Fixed(Guids,
            id)))).Label($"'{text}' -> {(accepted ? id.Value : "refused")}");
    });

    [Property(MaxTest = 500)]
    public Property An_int_model_maps_a_text_to_the_number_it_spells_or_refuses_it() => Prop.ForAll(Texts, text =>
    {
        var accepted = Ints.TryCanonicalize(text, out var id);
        var isInt = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number);
        return (accepted == isInt && (!accepted || (id.Value == number.ToString(CultureInfo.InvariantCulture) && Fixed(Ints,
            id)))).Label($"'{text}' -> {(accepted ? id.Value : "refused")}");
    });

    [Property(MaxTest = 300)]
    public Property Every_spelling_of_one_subject_maps_to_one_id_in_a_mixed_model(Guid subject, long number) =>
        (SubjectSpellings.Of(subject).All(s => Mixed.TryCanonicalize(s, out var id) && id.Value == subject.ToString("D"))
         && SubjectSpellings.Of(number).All(s => Mixed.TryCanonicalize(s, out var id) && id.Value == number.ToString(CultureInfo.InvariantCulture)))
        .ToProperty();

    [Property(MaxTest = 200)]
    public Property A_model_with_a_string_subject_takes_every_text_as_given() => Prop.ForAll(Texts, text =>
        text.Length > SubjectId.MaxLength || (Strings.TryCanonicalize(text, out var id) && id.Value == text));

    [Fact]
    public void A_refused_id_names_the_models_subject_type_but_not_the_id()
    {
        var ex = Assert.Throws<ArgumentException>(() => Guids.Canonicalize(new SubjectId("ana-secret"), "subjectId"));

        Assert.Contains("Guid", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ana-secret", ex.Message, StringComparison.Ordinal);
        Assert.Equal("subjectId", ex.ParamName);
    }

    private static bool Fixed(SubjectIdCanonicalizer rule, SubjectId id) => rule.TryCanonicalize(id.Value, out var again) && again == id;
}
