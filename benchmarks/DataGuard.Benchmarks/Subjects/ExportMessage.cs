using DataGuard.Model;

namespace DataGuard.Benchmarks.Subjects;

public class ExportMessage
{
    public int Id { get; set; }
    [DataSubject] public int CustomerId { get; set; }
    [Personal(Encrypt = false)] public string Text { get; set; } = "";
    public DateTime SentAt { get; set; }
}
