using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.Tests.Masking;

/// <summary>The masker reads the registered personal-data model, so fields declared personal outside attributes are
/// masked too.</summary>
public sealed class ModelMaskingTests
{
    private static readonly FluentOnlyPatient Ana = new() { Id = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), Email = "ana@example.com", Visits = 3 };

    private static PersonalDataModel Model()
    {
        var type = typeof(FluentOnlyPatient);
        PersonalPropertySpec Property(string name, PersonalAttribute? personal = null, bool subject = false) =>
            new(name, type.GetProperty(name)!.PropertyType, personal, subject, subject, type.GetProperty(name));
        return PersonalDataModel.FromSpecs([new PersonalTypeSpec(type.Name, type, null, [
            Property(nameof(FluentOnlyPatient.Id), subject: true),
            Property(nameof(FluentOnlyPatient.Email), new PersonalAttribute(PersonalCategory.Contact) { Mask = MaskStyle.Email }),
            Property(nameof(FluentOnlyPatient.Visits)),
        ], null)]);
    }

    private static DataMasker Masker(PersonalDataModel? model) => new(new MaskingOptions(), TestMasking.Keys(), () => model);

    [Fact]
    public void ToMaskedString_masks_a_field_the_model_declares_personal()
    {
        var text = Masker(Model()).ToMaskedString(Ana);

        Assert.Contains("Email = a***@example.com", text, StringComparison.Ordinal);
        Assert.Contains("Visits = 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ana@example.com", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_modifier_masks_a_field_the_model_declares_personal()
    {
        var resolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(Masker(Model()).CreateJsonModifier());

        var json = JsonSerializer.Serialize(Ana,
            (JsonTypeInfo<FluentOnlyPatient>)resolver.GetTypeInfo(typeof(FluentOnlyPatient), JsonSerializerOptions.Default)!);

        Assert.Contains("\"Email\":\"a***@example.com\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_model_a_type_without_attributes_is_shown_as_is()
    {
        Assert.Contains("Email = ana@example.com", Masker(null).ToMaskedString(Ana), StringComparison.Ordinal);
    }
}
