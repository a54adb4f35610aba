using DataGuard.Model;

namespace DataGuard.Benchmarks.Subjects;

public class ExportVisit
{
    public int Id { get; set; }
    [DataSubject] public int CustomerId { get; set; }
    [Personal(Encrypt = false)] public string Page { get; set; } = "";
    public DateTime VisitedAt { get; set; }
}
