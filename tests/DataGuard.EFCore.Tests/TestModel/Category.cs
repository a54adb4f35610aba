namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A lookup table without personal data: no export, no erasure.</summary>
public class Category
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}
