using DataGuard.Model;

namespace DataGuard.Benchmarks.Retention;

/// <summary>A visit log row, deleted 30 days after the visit.</summary>
[Retain(Days = 30, From = nameof(VisitedAt))]
public class BenchmarkVisit
{
    public int Id { get; set; }
    [DataSubject] public Guid MemberId { get; set; }
    [Personal(PersonalCategory.OnlineIdentifier, Encrypt = false)] public string IpAddress { get; set; } = "";
    public string Page { get; set; } = "";
    public DateTime VisitedAt { get; set; }
}
