using System.Net.Http.Json;
using System.Text.Json;
using DataGuard.AspNetCore.Pages;
using DataGuard.Masking;
using DataGuard.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.AspNetCore.Tests.Masking;

/// <summary>Masking reads the same personal-data model as encryption: an entity whose personal fields are declared only
/// through the fluent API is masked like an annotated one.</summary>
public sealed class FluentModelMaskingTests : IAsyncLifetime
{
    private static readonly LegacyPatient Ana = new() { Id = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), Email = "ana@example.com", Name = "Ana Silva",
        Visits = 4 };

    private readonly TempDirectory _folder = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = TestAuthenticationHandler.CreateAppBuilder();
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder.Services.AddDataGuard().UseEntityFrameworkStores<LegacyClinicDb>().AddResponseMasking(o => o.RevealToSubject = true);
        builder.Services.AddDbContext<LegacyClinicDb>((sp, o) => o.UseSqlite($"Data Source={_folder.File("clinic.db")}").UseDataGuard(sp));
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.UseDataGuardResponseMasking();
        _app.MapGet("/patients/ana", () => Ana);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private async Task<JsonElement> GetAnaAsync(string user)
    {
        using var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add("X-Test-User", user);
        return await client.GetFromJsonAsync<JsonElement>(new Uri("/patients/ana", UriKind.Relative));
    }

    [Fact]
    public async Task Another_user_gets_fluent_personal_fields_masked()
    {
        var patient = await GetAnaAsync("bob");

        Assert.Equal("a***@example.com", patient.GetProperty("email").GetString());
        Assert.Equal("***", patient.GetProperty("name").GetString());
        Assert.Equal(4, patient.GetProperty("visits").GetInt32());
        Assert.DoesNotContain("Ana Silva", patient.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_subject_declared_through_the_fluent_api_sees_their_own_record()
    {
        var patient = await GetAnaAsync(Ana.Id.ToString());

        Assert.Equal("ana@example.com", patient.GetProperty("email").GetString());
        Assert.Equal("Ana Silva", patient.GetProperty("name").GetString());
    }

    [Fact]
    public void ToMaskedString_masks_fluent_personal_fields()
    {
        var text = _app.Services.GetRequiredService<DataMasker>().ToMaskedString(Ana);

        Assert.Contains("Email = a***@example.com", text, StringComparison.Ordinal);
        Assert.Contains("Name = ***", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana Silva", text, StringComparison.Ordinal);
    }
}
