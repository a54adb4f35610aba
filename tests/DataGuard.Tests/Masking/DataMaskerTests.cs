using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DataGuard.Masking;

namespace DataGuard.Tests.Masking;

public sealed class DataMaskerTests
{
    private static readonly MaskedCustomer Ana = new()
    {
        Id = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        Email = "ana@example.com",
        Name = "Ana Silva",
        CardNumber = "4111 1111 1111 1111",
        BirthDate = new DateOnly(1990, 4, 17),
        Nickname = "Aninha",
        FullName = "Ana Maria Silva",
        Orders = 3,
        Tags = ["vip"],
    };

    private static DataMasker Masker() => TestMasking.Masker(o => o.Maskers["initials"] = new InitialsMasker());

    private static JsonSerializerOptions JsonOptions(Func<object, bool>? reveal = null) =>
        new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(Masker().CreateJsonModifier(reveal)) };

    [Fact]
    public void Masked_ToString_masks_personal_properties_and_keeps_the_rest()
    {
        var text = Masker().ToMaskedString(Ana);

        Assert.Equal(
            "MaskedCustomer { Id = 3f2504e0-4f89-11d3-9a0c-0305e82c3301, Email = a***@example.com, Name = ***, " +
            "CardNumber = **** **** **** 1111, BirthDate = 0***0, Nickname = null, FullName = A.M.S., Orders = 3, Tags = List<string> }",
            text);
    }

    [Fact]
    public void A_records_own_ToString_leaks_which_is_why_the_helper_exists()
    {
        Assert.Contains("ana@example.com", Ana.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ana@example.com", Masker().ToMaskedString(Ana), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_custom_masker_name_fails_naming_the_property()
    {
        var ex = Assert.Throws<DataGuardException>(() => TestMasking.Masker().ToMaskedString(Ana));

        Assert.Contains("MaskedCustomer.FullName", ex.Message, StringComparison.Ordinal);
        Assert.Contains("initials", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_modifier_masks_personal_properties_of_every_type()
    {
        var options = JsonOptions();

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Ana, options));
        var root = json.RootElement;

        Assert.Equal("a***@example.com", root.GetProperty("Email").GetString());
        Assert.Equal("***", root.GetProperty("Name").GetString());
        Assert.Equal("**** **** **** 1111", root.GetProperty("CardNumber").GetString());
        Assert.Equal("0***0", root.GetProperty("BirthDate").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("Nickname").ValueKind);
        Assert.Equal("A.M.S.", root.GetProperty("FullName").GetString());
        Assert.Equal(3, root.GetProperty("Orders").GetInt32());
        Assert.Equal(Ana.Id, root.GetProperty("Id").GetGuid());
    }

    [Fact]
    public void Json_modifier_writes_in_clear_what_reveal_allows_and_deserialises_unchanged()
    {
        var options = JsonOptions(static _ => true);

        var json = JsonSerializer.Serialize(Ana, options);
        var back = JsonSerializer.Deserialize<MaskedCustomer>(json, options)!;

        Assert.Equal(Ana with { Tags = back.Tags }, back);
        Assert.Contains("\"BirthDate\":\"1990-04-17\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_modifier_masks_objects_nested_in_collections()
    {
        var options = JsonOptions();

        var json = JsonSerializer.Serialize(new[] { Ana, Ana with { Email = "jonas@example.org" } }, options);

        Assert.DoesNotContain("ana@", json, StringComparison.Ordinal);
        Assert.Contains("j***@example.org", json, StringComparison.Ordinal);
    }
}
