using System.Text.RegularExpressions;
using DataGuard.Model;
using DataGuard.Model.DataMaps;

namespace DataGuard.Tests.Subjects;

public sealed partial class SubjectDiscoveryModelTests
{
    public class Visitor
    {
        public int Id { get; set; }
        [Personal] public string Email { get; set; } = "";
    }

    public class Member
    {
        [DataSubject] public Guid Id { get; set; }
        [Personal] public string Email { get; set; } = "";
    }

    [Retain(Days = 30, From = nameof(At), Then = RetentionAction.Anonymize)]
    public class Visit
    {
        public int Id { get; set; }
        [DataSubject] public Guid MemberId { get; set; }
        [Personal] public string Ip { get; set; } = "";
        public DateTime At { get; set; }
    }

    [Retain(Days = 30, From = nameof(At), Then = RetentionAction.Shred)]
    public class Session
    {
        public int Id { get; set; }
        [DataSubject] public Guid MemberId { get; set; }
        [Personal] public string Token { get; set; } = "";
        public DateTime At { get; set; }
    }

    [Erasure(ErasureAction.Shred)]
    public class Orphan
    {
        public int Id { get; set; }
        [Personal] public string Note { get; set; } = "";
    }

    [Erasure(ErasureAction.Anonymize)]
    public class NothingToClear
    {
        public int Id { get; set; }
        [DataSubject] public Guid MemberId { get; set; }
    }

    [Fact]
    public void The_data_map_flags_personal_data_without_a_subject_and_reads_it_back()
    {
        var map = DataMap.Create(PersonalDataModel.FromTypes(typeof(Visitor), typeof(Member)), []);

        var read = DataMap.FromJson(map.ToJson());

        Assert.Equal([true, false], read.Entities.Select(e => e.Unreachable));
        Assert.Equal(map.ToJson(), read.ToJson());
    }

    [Fact]
    public void A_data_map_written_before_the_flag_existed_still_reads()
    {
        var json = DataMap.Create(PersonalDataModel.FromTypes(typeof(Member)), []).ToJson();
        var old = NewFields().Replace(System.Text.Encoding.UTF8.GetString(json), "");
        Assert.DoesNotContain("unreachable", old, StringComparison.Ordinal);

        var entity = Assert.Single(DataMap.FromJson(System.Text.Encoding.UTF8.GetBytes(old)).Entities);

        Assert.Equal(("Member", null, false), (entity.Name, entity.SubjectPath, entity.Unreachable));
    }

    [Fact]
    public void Erasure_defaults_to_delete_and_follows_retention_only_when_it_shreds()
    {
        var model = PersonalDataModel.FromTypes(typeof(Member), typeof(Visit), typeof(Session));

        Assert.Equal(ErasureAction.Delete, model.Find(typeof(Member))!.Erasure);
        Assert.Equal(ErasureAction.Delete, model.Find(typeof(Visit))!.Erasure); // retention anonymises; erasure still deletes
        Assert.Equal(ErasureAction.Shred, model.Find(typeof(Session))!.Erasure);
    }

    [Fact]
    public void A_declared_erasure_needs_a_subject_and_something_to_clear()
    {
        var error = Assert.Throws<DataGuardModelException>(() => PersonalDataModel.FromTypes(typeof(Orphan), typeof(NothingToClear)));

        Assert.Equal(
            [
                "Orphan: declares an erasure action, but no data subject reaches it; add a [DataSubject] property or HasSubjectPath(...).",
                "NothingToClear: erasure action Anonymize needs at least one [Personal] property to clear.",
            ],
            error.Errors);
    }

    [GeneratedRegex(",\\s*\"(subjectPath|unreachable)\": [^,\\n}]+")]
    private static partial Regex NewFields();
}
