namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The same shape as <see cref="Customer"/> without attributes: configured through the fluent API.</summary>
public class LegacyCustomer
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public string? CardNumber { get; set; }
    public DateTime CreatedAt { get; set; }
}
