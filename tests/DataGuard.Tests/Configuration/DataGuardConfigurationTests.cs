using System.Text;
using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Encryption;
using DataGuard.Masking;
using DataGuard.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Tests.Configuration;

public sealed class DataGuardConfigurationTests
{
    private const string AppSettings = """
        {
          "DataGuard": {
            "Purposes": {
              "marketing": { "LawfulBasis": "Consent", "NoticeVersion": "2026-11", "Description": "Newsletters",
                "DefaultExpiry": "365.00:00:00", "AcceptsOlderNotices": true },
              "billing": { "LawfulBasis": "Contract" }
            },
            "Encryption": { "ReadLegacyPlaintext": true, "BlindIndexCaseFold": false, "KeyRefreshInterval": "00:02:00",
              "SubjectKeys": true, "SubjectKeyCacheSize": 500, "Engine": "Bcl", "ReencryptionBatchSize": 250 },
            "Retention": { "BatchSize": 5000, "Interval": "00:15:00", "LeaseDuration": "00:01:00", "Overrides": { "Customer": 365, "Order": 3650 } },
            "Requests": { "ResponseTime": "7.00:00:00", "MaxExtension": "30.00:00:00" },
            "SubjectRights": { "VacuumSqliteAfterErasure": true, "ExportConsents": false, "ExportAuditTrail": false },
            "Operations": { "AuditVerificationMaxAge": "00:10:00", "RetentionRunMaxAge": "06:00:00", "RequestDueWarning": "2.00:00:00" },
            "Audit": { "RecordMaskedValues": true, "AuditAllReads": true, "ReadQueueCapacity": 50, "ReadBatchSize": 10 },
            "Masking": { "Placeholder": "###", "PartialKeepFirst": 2, "EmailMaskDomain": true }
          }
        }
        """;

    private static IConfigurationRoot Json(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static ServiceProvider Provider(IConfiguration section, Action<DataGuardOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddDataGuard(section, configure);
        return services.BuildServiceProvider();
    }

    private static OptionsValidationException StartupFailure(string json)
    {
        using var provider = Provider(Json(json).GetSection("DataGuard"));
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void AddDataGuard_binds_every_option_from_the_section_including_purposes_and_retention_overrides()
    {
        using var provider = Provider(Json(AppSettings).GetSection("DataGuard"));
        provider.GetRequiredService<IStartupValidator>().Validate();
        var o = provider.GetRequiredService<IOptions<DataGuardOptions>>().Value;

        var marketing = o.Purposes.Find("marketing")!;
        Assert.Equal((LawfulBasis.Consent, "2026-11", "Newsletters", TimeSpan.FromDays(365), true),
            (marketing.LawfulBasis, marketing.NoticeVersion, marketing.Description, marketing.DefaultExpiry, marketing.AcceptsOlderNotices));
        Assert.Equal(LawfulBasis.Contract, o.Purposes.Find("billing")!.LawfulBasis);
        Assert.Equal(2, o.Purposes.Count);
        Assert.Equal((true, false, TimeSpan.FromMinutes(2), true, 500, CipherEngine.Bcl, 250),
            (o.Encryption.ReadLegacyPlaintext, o.Encryption.BlindIndexCaseFold, o.Encryption.KeyRefreshInterval, o.Encryption.SubjectKeys,
                o.Encryption.SubjectKeyCacheSize, o.Encryption.Engine, o.Encryption.ReencryptionBatchSize));
        Assert.Equal((5000, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1)), (o.Retention.BatchSize, o.Retention.Interval, o.Retention.LeaseDuration));
        Assert.Equal(new Dictionary<string, int> { ["Customer"] = 365, ["Order"] = 3650 }, o.Retention.Overrides);
        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(30)), (o.Requests.ResponseTime, o.Requests.MaxExtension));
        Assert.Equal((true, false, false), (o.SubjectRights.VacuumSqliteAfterErasure, o.SubjectRights.ExportConsents, o.SubjectRights.ExportAuditTrail));
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromHours(6), TimeSpan.FromDays(2)),
            (o.Operations.AuditVerificationMaxAge, o.Operations.RetentionRunMaxAge, o.Operations.RequestDueWarning));

        var audit = provider.GetRequiredService<IOptions<AuditOptions>>().Value;
        Assert.Equal((true, true, 50, 10), (audit.RecordMaskedValues, audit.AuditAllReads, audit.ReadQueueCapacity, audit.ReadBatchSize));
        var masking = provider.GetRequiredService<IOptions<MaskingOptions>>().Value;
        Assert.Equal(("###", 2, true), (masking.Placeholder, masking.PartialKeepFirst, masking.EmailMaskDomain));
    }

    [Fact]
    public void Purposes_bind_from_an_array_with_names_and_code_configuration_runs_after_the_section()
    {
        var json = """{ "DataGuard": { "Purposes": [ { "Name": "analytics", "LawfulBasis": "LegitimateInterests" } ], "Retention": { "BatchSize": 10 } } }""";
        using var provider = Provider(Json(json).GetSection("DataGuard"), o => o.Retention.BatchSize = 20);
        var o = provider.GetRequiredService<IOptions<DataGuardOptions>>().Value;

        Assert.Equal(LawfulBasis.LegitimateInterests, o.Purposes.Find("analytics")!.LawfulBasis);
        Assert.Equal(20, o.Retention.BatchSize);
    }

    [Fact]
    public void Validation_errors_name_the_configuration_path_and_every_problem_at_once()
    {
        var ex = StartupFailure("""
            {
              "DataGuard": {
                "Purposes": { "marketing": { "LawfulBasis": "Consent" }, "news letter": { "LawfulBasis": "Contract" } },
                "Retention": { "BatchSize": 0, "Interval": "soon", "Overides": { "Customer": 1 }, "Overrides": { "Customer": 0 } },
                "Encryption": { "Engine": "Rot13", "SubjectKeyCacheSize": 0 },
                "Requests": { "ResponseTime": "00:00:00" },
                "Masking": { "PseudonymLength": "s3cr3t-value" },
                "Audit": { "CheckpointCertificate": "cert.pfx" },
                "Tenants": { }
              }
            }
            """);

        var failures = ex.Failures.ToList();
        Assert.Contains("DataGuard:Purposes:marketing: 'marketing' is on a consent basis but has no notice version; " +
            "pass notice: \"2026-11\" (or your own scheme) so every consent records which notice the subject saw.", failures);
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Purposes:news letter: 'news letter' contains ' '", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Retention:BatchSize must be between 1 and 100000.", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Retention:Interval is not a time span", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Retention:Overides is not a setting of RetentionOptions", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Retention:Overrides:Customer is 0;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Encryption:Engine is not one of Auto, Libsodium, Bcl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Encryption:SubjectKeyCacheSize is 0;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Requests:ResponseTime must be between 00:00:00 exclusive", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Masking:PseudonymLength is not a whole number", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Audit:CheckpointCertificate cannot be set from configuration", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("DataGuard:Tenants is not a setting of DataGuardOptions", StringComparison.Ordinal));
        Assert.DoesNotContain(failures,
            f
                => f.Contains("s3cr3t", StringComparison.Ordinal) || f.Contains("soon", StringComparison.Ordinal) || f.Contains("Rot13",
                    StringComparison.Ordinal));
    }

    [Fact]
    public void Options_reload_when_the_configuration_changes()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataGuard:Retention:BatchSize"] = "100" }).Build();
        using var provider = Provider(root.GetSection("DataGuard"));
        var monitor = provider.GetRequiredService<IOptionsMonitor<DataGuardOptions>>();
        Assert.Equal(100, monitor.CurrentValue.Retention.BatchSize);

        root["DataGuard:Retention:BatchSize"] = "200";
        root.Reload();

        Assert.Equal(200, monitor.CurrentValue.Retention.BatchSize);
    }
}
