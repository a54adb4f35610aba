namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Not annotated: its subject and retention (7 days from a DateOnly) are declared with the fluent API.</summary>
public class Ticket
{
    public int Id { get; set; }
    public string CustomerRef { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateOnly OpenedOn { get; set; }
}
