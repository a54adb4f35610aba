namespace DataGuard.EFCore.Tests.TestModel;

public class Country
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
}
