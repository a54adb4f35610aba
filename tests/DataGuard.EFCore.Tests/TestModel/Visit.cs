using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Deleted 30 days after the visit.</summary>
[Retain(Days = 30, From = nameof(VisitedAt))]
public class Visit
{
    public int Id { get; set; }
    [DataSubject] public Guid MemberId { get; set; }
    [Personal(PersonalCategory.OnlineIdentifier)] public string IpAddress { get; set; } = "";
    public string Page { get; set; } = "";
    public DateTime VisitedAt { get; set; }
}
