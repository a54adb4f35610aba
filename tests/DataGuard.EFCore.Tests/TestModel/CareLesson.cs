using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A dependent under its own retention policy; deleting its course cascades to it.</summary>
[Retain(Days = 30, From = nameof(HeldAt))]
public class CareLesson
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public CareCourse? Course { get; set; }
    [Personal(Encrypt = false)] public string Notes { get; set; } = "";
    public DateTime HeldAt { get; set; }
}
