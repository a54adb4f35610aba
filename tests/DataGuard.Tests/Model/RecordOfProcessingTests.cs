using System.Text;
using DataGuard.Consent;
using DataGuard.Model;
using DataGuard.Model.DataMaps;
using DataGuard.Model.Processing;
using DataGuard.Purposes;
using DataGuard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Tests.Model;

public sealed class RecordOfProcessingTests
{
    [Retain(Days = 3650, From = nameof(CreatedAt), Then = RetentionAction.Shred, LegalRequirement = "Medical records act §10")]
    private sealed class Patient
    {
        [DataSubject] public Guid Id { get; set; }
        [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
        [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
        [Personal(PersonalCategory.Health)] public string? Diagnosis { get; set; }
        [Personal(PersonalCategory.Biometric)] public byte[]? Photo { get; set; }
        public DateTime CreatedAt { get; set; }
    }

    [AllowedPurposes("payroll")]
    private sealed class Salary
    {
        [DataSubject] public Guid EmployeeId { get; set; }
        [Personal(PersonalCategory.Financial)] public string Iban { get; set; } = "";
    }

    private static DataGuardOptions Options()
    {
        var o = new DataGuardOptions();
        o.Purposes.Add("care", notice: "2026-12", description: "Treating patients").Uses(PersonalCategory.Identity, PersonalCategory.Contact,
            PersonalCategory.Health);
        o.Purposes.Add("payroll", lawfulBasis: LawfulBasis.Contract).Uses(PersonalCategory.Financial);
        o.Purposes.Add("reminders", lawfulBasis: LawfulBasis.LegitimateInterests).UsesEntities(typeof(Salary));
        var record = o.RecordOfProcessing;
        record.Controller.Name = "Clinic Example GmbH";
        record.Controller.Contact = "privacy@clinic.example";
        record.DataProtectionOfficer.Name = "Dr. Data";
        record.DataProtectionOfficer.Contact = "dpo@clinic.example";
        var patients = new DataSubjectCategory { Name = "patients", Description = "People treated at the clinic" };
        patients.Entities.Add("Patient");
        record.SubjectCategories.Add(patients);
        var mail = new DataRecipient { Name = "MailCo", Role = RecipientRole.Processor, Country = "US" };
        mail.Purposes.Add("care");
        record.Recipients.Add(mail);
        record.Transfers.Add(new DataTransfer { Recipient = "MailCo", Country = "US", Safeguard = TransferSafeguard.StandardContractualClauses,
            Documentation = "DPA 2026-04" });
        record.SecurityMeasures.Add("Staff trained yearly");
        return o;
    }

    private static DataMap Map() => DataMap.Create(PersonalDataModel.FromTypes(typeof(Patient), typeof(Salary)), Options());

    [Fact]
    public void The_map_from_the_options_has_every_item_of_article_30_1()
    {
        var map = Map();
        var markdown = map.ToMarkdown();

        // (a) controller and DPO
        Assert.Contains("- Controller: Clinic Example GmbH (privacy@clinic.example)", markdown, StringComparison.Ordinal);
        Assert.Contains("- Data protection officer: Dr. Data (dpo@clinic.example)", markdown, StringComparison.Ordinal);
        // (b) purposes, with what each uses
        Assert.Contains("| care | Consent | 2026-12 | yes | until withdrawn | Identity, Contact, Health, `Patient` | Treating patients |", markdown,
            StringComparison.Ordinal);
        // (c) categories of data subjects and of personal data
        Assert.Contains("- **patients**: People treated at the clinic (held in `Patient`)", markdown, StringComparison.Ordinal);
        Assert.Contains("| Diagnosis | string | Health (special) | yes | no | Erase | care |", markdown, StringComparison.Ordinal);
        // (d) recipients, (e) transfers with safeguards
        Assert.Contains("| MailCo | Processor | care | US |", markdown, StringComparison.Ordinal);
        Assert.Contains("| MailCo | US | StandardContractualClauses | DPA 2026-04 |", markdown, StringComparison.Ordinal);
        // (f) time limits per category
        Assert.Contains("- **Health**: Patient: 3650 days from CreatedAt, then shred (kept at least that long: Medical records act §10)", markdown,
            StringComparison.Ordinal);
        Assert.Contains("- **Financial**: Salary: not declared (kept until erased)", markdown, StringComparison.Ordinal);
        // (g) security measures: DataGuard's own, then the application's
        Assert.Contains("- 5 of 5 personal fields are encrypted at rest with AES-256-GCM.", markdown, StringComparison.Ordinal);
        Assert.Contains("- Staff trained yearly", markdown, StringComparison.Ordinal);

        var salary = Assert.Single(map.Entities, e => e.Name == "Salary");
        Assert.Equal(["payroll"], salary.AllowedPurposes);
        Assert.Equal(["payroll"], salary.Fields.Single().Purposes);
    }

    [Fact]
    public void The_record_survives_a_json_round_trip()
    {
        var json = Map().ToJson();
        var read = DataMap.FromJson(json);
        Assert.Equal(json, read.ToJson());
        Assert.Equal("Clinic Example GmbH", read.Processing!.Controller!.Name);
        Assert.Equal(TransferSafeguard.StandardContractualClauses, Assert.Single(read.Processing.Transfers).Safeguard);
    }

    [Fact]
    public void A_map_written_before_the_record_of_processing_still_reads()
    {
        const string version1 = """
            {"schema":"dataguard-data-map/1","purposes":[{"name":"marketing","description":null,"lawfulBasis":"Consent",
             "noticeVersion":"2026-11","requiresConsent":true,
             "acceptsOlderNotices":false,"defaultExpiryDays":395}],
             "entities":[{"name":"Customer","clrType":"Shop.Customer","store":"Customers","subject":"Id",
             "retention":{"days":730,"from":"CreatedAt","then":"Anonymize","legalRequirement":null},
             "fields":[{"name":"Email","type":"string","category":"Contact","specialCategory":false,
             "encrypted":true,"searchable":true,"mask":"Email"}],"subjectPath":null,"unreachable":false}]}
            """;
        var map = DataMap.FromJson(Encoding.UTF8.GetBytes(version1));

        Assert.Null(map.Processing);
        Assert.Null(Assert.Single(map.Purposes).Categories);
        Assert.Null(Assert.Single(Assert.Single(map.Entities).Fields).Purposes);
        Assert.Contains("| Email | string | Contact | yes | yes | Email | - |", map.ToMarkdown(), StringComparison.Ordinal);
        Assert.Empty(map.Review());
        Assert.StartsWith("{\n  \"schema\": \"dataguard-data-map/2\"", Encoding.UTF8.GetString(map.ToJson()).ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_published_json_schema_is_the_one_the_code_writes()
    {
        var path = Path.Combine(ApprovedApi.RepositoryRoot(), "docs", "data-map.schema.json");
        var generated = DataMap.JsonSchema().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable("DATAGUARD_WRITE_SCHEMA") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), "docs/data-map.schema.json is missing; run this test with DATAGUARD_WRITE_SCHEMA=1.");
        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Review_names_personal_data_no_purpose_uses_and_purposes_that_use_nothing()
    {
        var options = Options();
        options.Purposes.Add("newsletter", notice: "v1");
        var findings = DataMap.Create(PersonalDataModel.FromTypes(typeof(Patient), typeof(Salary)), options).Review();

        Assert.Contains("Purpose 'newsletter' declares no personal data it uses (Purpose.Uses): a purpose scope for it can read no personal field.", findings);
        Assert.Contains(findings, f => f.StartsWith("Patient: no declared purpose uses Photo;", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.StartsWith("Salary", StringComparison.Ordinal));
    }

    [Fact]
    public void Review_names_the_items_of_article_30_1_the_record_still_lacks_and_nothing_once_complete()
    {
        var options = Options();
        var findings = DataMap.Create(PersonalDataModel.FromTypes(typeof(Patient), typeof(Salary)), options).Review();
        Assert.Contains("Art. 30(1)(c): Salary holds personal data of no recorded category of data subjects.", findings);
        Assert.Contains("Art. 30(1)(d): no recipient is recorded for purpose 'payroll'; record the internal department if nobody outside receives the data.",
            findings);
        Assert.Contains("Art. 30(1)(f): Salary has no time limit for erasure ([Retain]).", findings);

        var complete = new DataGuardOptions();
        complete.Purposes.Add("care", notice: "2026-12").Uses(PersonalCategory.Identity, PersonalCategory.Contact, PersonalCategory.Health,
            PersonalCategory.Biometric);
        complete.RecordOfProcessing.Controller.Name = "Clinic Example GmbH";
        var patients = new DataSubjectCategory { Name = "patients" };
        patients.Entities.Add("Patient");
        complete.RecordOfProcessing.SubjectCategories.Add(patients);
        var ward = new DataRecipient { Name = "Ward staff", Role = RecipientRole.Internal };
        ward.Purposes.Add("care");
        complete.RecordOfProcessing.Recipients.Add(ward);
        Assert.Empty(DataMap.Create(PersonalDataModel.FromTypes(typeof(Patient)), complete).Review());

        complete.RecordOfProcessing.Controller.Name = null;
        Assert.Equal(["Art. 30(1)(a): the controller's name and contact are not recorded (RecordOfProcessing.Controller)."],
            DataMap.Create(PersonalDataModel.FromTypes(typeof(Patient)), complete).Review());
    }

    [Fact]
    public void Recipients_of_undeclared_purposes_and_transfers_without_safeguards_fail_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddDataGuard(o =>
        {
            o.Purposes.Add("care", lawfulBasis: LawfulBasis.Contract);
            var analytics = new DataRecipient { Name = "AdCo" };
            analytics.Purposes.Add("advertising");
            o.RecordOfProcessing.Recipients.Add(analytics);
            o.RecordOfProcessing.Transfers.Add(new DataTransfer { Recipient = "AdCo", Country = "US" });
            o.RecordOfProcessing.Transfers.Add(new DataTransfer { Recipient = "AdCo", Country = "BR", Safeguard = TransferSafeguard.Derogation });
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("RecordOfProcessing.Recipients: 'AdCo' receives data for purpose 'advertising', which is not declared in Purposes.", ex.Failures);
        Assert.Contains(ex.Failures,
            f => f.StartsWith("RecordOfProcessing.Transfers: the transfer to 'AdCo' in 'US' names no safeguard", StringComparison.Ordinal));
        Assert.Contains(ex.Failures,
            f => f.StartsWith("RecordOfProcessing.Transfers: the transfer to 'AdCo' relies on a derogation", StringComparison.Ordinal));
    }
}
