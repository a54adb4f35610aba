using System.Text;
using DataGuard.Model;
using DataGuard.Model.DataMaps;

namespace DataGuard.Tests.Model.DataMaps;

public sealed class DataMapResidencyTests
{
    private sealed class Customer
    {
        [DataSubject] public Guid Id { get; set; }
        [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
    }

    private static DataMap Map(Action<DataGuardOptions> configure)
    {
        var options = new DataGuardOptions();
        options.RecordOfProcessing.Controller.Name = "Shop Example";
        configure(options);
        return DataMap.Create(PersonalDataModel.FromTypes(typeof(Customer)), options);
    }

    private static void TwoRegions(DataGuardOptions o)
    {
        o.Residency.Regions.Add("us");
        o.Residency.Regions.Add("eu");
        o.Residency.Tenants["globex"] = "us";
        o.Residency.Tenants["acme"] = "eu";
    }

    [Fact]
    public void The_map_lists_the_regions_and_each_tenants_region()
    {
        var map = Map(TwoRegions);

        var residency = map.Processing!.Residency!;
        Assert.Equal(["eu", "us"], residency.Regions);
        Assert.Equal([new DataMapTenant("acme", "eu"), new DataMapTenant("globex", "us")], residency.Tenants);
        var markdown = map.ToMarkdown();
        Assert.Contains("## Where the data is stored", markdown, StringComparison.Ordinal);
        Assert.Contains("Regions: eu, us. A tenant's data is written only in its region.", markdown, StringComparison.Ordinal);
        Assert.Contains("| acme | eu |", markdown, StringComparison.Ordinal);
        Assert.Contains("| globex | us |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_regions_survive_a_json_round_trip()
    {
        var json = Map(TwoRegions).ToJson();

        var read = DataMap.FromJson(json);

        Assert.Contains("\"residency\": {", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Equal([new DataMapTenant("acme", "eu"), new DataMapTenant("globex", "us")], read.Processing!.Residency!.Tenants);
        Assert.Equal(json, read.ToJson());
    }

    [Fact]
    public void Without_residency_the_map_has_no_region_section()
    {
        var map = Map(static _ => { });

        Assert.Null(map.Processing!.Residency);
        Assert.DoesNotContain("Where the data is stored", map.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_map_written_before_residency_still_reads()
    {
        const string before = """
            {"schema":"dataguard-data-map/2","purposes":[],"entities":[],
             "processing":{"controller":{"name":"Shop Example","contact":null},"representative":null,"dataProtectionOfficer":null,"subjectCategories":[],
             "recipients":[],"transfers":[],"retentionByCategory":[],"securityMeasures":[]}}
            """;

        var map = DataMap.FromJson(Encoding.UTF8.GetBytes(before));

        Assert.Equal("Shop Example", map.Processing!.Controller!.Name);
        Assert.Null(map.Processing.Residency);
        Assert.DoesNotContain("Where the data is stored", map.ToMarkdown(), StringComparison.Ordinal);
    }
}
