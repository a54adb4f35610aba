using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

public class Note
{
    public int Id { get; set; }
    [Personal] public string Text { get; set; } = "";
}
