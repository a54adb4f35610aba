using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace DataGuard.EFCore.Tests.Purposes;

public sealed class DataMapStartupReviewTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public void Start_up_warns_about_personal_data_no_purpose_uses_and_purposes_that_use_nothing()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging());
        services.AddDataGuard(o =>
            {
                o.Purposes.Add("billing", lawfulBasis: LawfulBasis.Contract).Uses(PersonalCategory.Identity, PersonalCategory.Contact);
                o.Purposes.Add("newsletter", notice: "v1");
            })
            .UseEntityFrameworkStores<PurposeClinicContext>();
        services.AddDbContext<PurposeClinicContext>((sp, o) => o.UseDataGuard(sp)
            .UseSqlite($"Data Source={_folder.File("review.db")}")
            .ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning)));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var warnings = provider.GetRequiredService<FakeLogCollector>().GetSnapshot().Where(r => r.Id.Id == 1702).Select(r => r.Message).ToList();
        Assert.Contains(
            "Record of processing: Purpose 'newsletter' declares no personal data it uses (Purpose.Uses): a purpose scope for it can read no personal field.",
                warnings);
        var patient = Assert.Single(warnings, w => w.StartsWith("Record of processing: CarePatient: no declared purpose uses ", StringComparison.Ordinal));
        Assert.Contains("Notes", patient, StringComparison.Ordinal);
        Assert.Contains("BirthYear", patient, StringComparison.Ordinal);
        Assert.DoesNotContain("Email", patient, StringComparison.Ordinal);
        Assert.Contains(warnings, w => w.StartsWith("Record of processing: PayrollRecord: no declared purpose uses Iban;", StringComparison.Ordinal));
    }
}
