using System.Net;
using System.Net.Http.Headers;
using DataGuard.Model;
using DataGuard.Model.DataMaps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Routing;

public sealed class MapDataMapTests
{
    private sealed class Customer
    {
        [DataSubject] public Guid Id { get; set; }
        [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
    }

    private static async Task<WebApplication> StartAsync(bool registerModel = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddDataGuard(o => o.Purposes.Add("marketing", notice: "2026-11"));
        if (registerModel)
        {
            builder.Services.AddSingleton(PersonalDataModel.FromTypes(typeof(Customer)));
        }

        var app = builder.Build();
        app.MapDataMap();
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task The_data_map_is_served_as_json_by_default()
    {
        await using var app = await StartAsync();
        using var response = await app.GetTestClient().GetAsync(new Uri("/privacy/data-map", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var map = DataMap.FromJson(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("marketing", Assert.Single(map.Purposes).Name);
        Assert.Equal("Email", Assert.Single(Assert.Single(map.Entities).Fields).Name);
    }

    [Fact]
    public async Task The_data_map_is_served_as_markdown_when_asked()
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/privacy/data-map");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
        using var response = await app.GetTestClient().SendAsync(request);

        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("| Email | string | Contact | yes | no | Erase |", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapping_without_a_model_says_what_to_register()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(registerModel: false));
        Assert.StartsWith("MapDataMap needs a PersonalDataModel", ex.Message, StringComparison.Ordinal);
    }
}
