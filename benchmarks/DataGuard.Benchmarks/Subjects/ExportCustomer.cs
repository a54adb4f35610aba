using DataGuard.Model;

namespace DataGuard.Benchmarks.Subjects;

public class ExportCustomer
{
    [DataSubject] public int Id { get; set; }
    [Personal(Encrypt = false)] public string Name { get; set; } = "";
    public DateTime JoinedAt { get; set; }
}
