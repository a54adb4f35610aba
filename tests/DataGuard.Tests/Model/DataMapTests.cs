using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Model.DataMaps;

namespace DataGuard.Tests.Model;

public sealed class DataMapTests
{
    [Retain(Days = 730, From = nameof(CreatedAt), Then = RetentionAction.Anonymize)]
    private sealed class Customer
    {
        [DataSubject] public Guid Id { get; set; }
        [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
        [Personal(PersonalCategory.Health)] public string? Allergies { get; set; }
        public DateTime CreatedAt { get; set; }
    }

    private static DataMap Map()
    {
        var options = new DataGuardOptions();
        options.Purposes.Add("marketing", notice: "2026-11",
            description: "Newsletters | offers").Uses(PersonalCategory.Contact).DefaultExpiry = TimeSpan.FromDays(395);
        options.Purposes.Add("billing", lawfulBasis: LawfulBasis.Contract).Uses(PersonalCategory.Contact, PersonalCategory.Health);
        return DataMap.Create(PersonalDataModel.FromTypes(typeof(Customer)), options.Purposes);
    }

    [Fact]
    public void Markdown_lists_purposes_entities_and_fields()
    {
        var markdown = Map().ToMarkdown();

        Assert.Contains("| marketing | Consent | 2026-11 | yes | 395 days | Contact, `Customer` | Newsletters \\| offers |", markdown,
            StringComparison.Ordinal);
        Assert.Contains("| billing | Contract | - | no | - | Contact, Health, `Customer` |  |", markdown, StringComparison.Ordinal);
        Assert.Contains("### Customer", markdown, StringComparison.Ordinal);
        Assert.Contains("- Data subject: `Id`", markdown, StringComparison.Ordinal);
        Assert.Contains("- Retention: 730 days from `CreatedAt`, then anonymize", markdown, StringComparison.Ordinal);
        Assert.Contains("| Email | string | Contact | yes | yes | Erase | marketing, billing |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Allergies | string | Health (special) | yes | no | Erase | billing |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_is_deterministic_and_starts_with_the_schema()
    {
        var json = Map().ToJson();
        var text = System.Text.Encoding.UTF8.GetString(json);
        Assert.Equal(json, Map().ToJson());
        Assert.StartsWith("{\n  \"schema\": \"dataguard-data-map/2\"", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\"lawfulBasis\": \"Consent\"", text, StringComparison.Ordinal);
        Assert.Equal(json, DataMap.FromJson(json).ToJson());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"schema\":\"dataguard-data-map/3\",\"purposes\":[],\"entities\":[]}")]
    [InlineData("{\"schema\":\"dataguard-data-map/1\",\"purposes\":[]}")]
    [InlineData("{\"schema\":\"dataguard-data-map/1\",\"purposes\":[],\"entities\":[{\"name\":\"X\"}]}")]
    public void Reading_anything_but_a_data_map_fails_clearly(string json)
    {
        var ex = Assert.Throws<DataGuardException>(() => DataMap.FromJson(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.StartsWith("The data map", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_truncated_data_map_fails_clearly()
    {
        var json = Map().ToJson();
        for (var length = 0; length < json.Length; length += 7)
        {
            Assert.Throws<DataGuardException>(() => DataMap.FromJson(json.AsSpan(0, length)));
        }
    }
}
