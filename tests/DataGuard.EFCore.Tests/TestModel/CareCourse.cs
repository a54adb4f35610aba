using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A principal under its own retention policy, before its dependent in the model's (alphabetical) order.</summary>
[Retain(Days = 30, From = nameof(EndedAt))]
public class CareCourse
{
    public int Id { get; set; }
    [Personal(Encrypt = false)] public string Title { get; set; } = "";
    public DateTime EndedAt { get; set; }
    public List<CareLesson> Lessons { get; set; } = [];
}
