using DataGuard.Audit;
using DataGuard.Consent;
using DataGuard.Subjects;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Subjects;

public sealed class SubjectIdTests
{
    [Fact]
    public void Guids_are_canonical_lower_case_with_hyphens()
    {
        var guid = Guid.Parse("A1B2C3D4-0000-0000-0000-00000000000F");
        Assert.Equal("a1b2c3d4-0000-0000-0000-00000000000f", ((SubjectId)guid).Value);
        Assert.Equal((SubjectId)guid, SubjectId.From(guid));
        Assert.Equal((SubjectId)guid, (SubjectId)"a1b2c3d4-0000-0000-0000-00000000000f");
    }

    [Property]
    public bool Numbers_are_invariant_and_int_equals_long(int number) =>
        SubjectId.From(number) == SubjectId.From((long)number)
            && SubjectId.From(number).Value == number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Bad_ids_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SubjectId(""));
        Assert.Throws<ArgumentException>(() => new SubjectId(new string('x', SubjectId.MaxLength + 1)));
        Assert.Throws<ArgumentException>(() => SubjectId.From(null));
        Assert.Throws<ArgumentException>(() => SubjectId.From(1.5));
        Assert.Throws<InvalidOperationException>(() => default(SubjectId).Value);
    }

    [Fact]
    public async Task Until_auditing_is_configured_the_trail_discards_events()
    {
        using var provider = new ServiceCollection().AddDataGuard().Services.BuildServiceProvider();
        var trail = provider.GetRequiredService<IAuditTrail>();
        Assert.IsType<NullAuditTrail>(trail);
        await trail.RecordAsync(new AuditEvent(AuditActions.ConsentGranted) { SubjectId = 42, Purpose = "marketing" });
        Assert.Throws<ArgumentException>(() => new AuditEvent(""));
    }

    [Fact]
    public void In_JSON_a_subject_id_is_its_text_and_reads_back()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { Subject = new SubjectId("ana") });

        Assert.Equal("""{"Subject":"ana"}""", json);
        Assert.Equal(new SubjectId("ana"), System.Text.Json.JsonSerializer.Deserialize<SubjectId>("\"ana\""));
        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<SubjectId>("\"\""));
        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<SubjectId>("{\"value\":\"ana\"}"));
    }
}
