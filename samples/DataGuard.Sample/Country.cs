namespace DataGuard.Sample;

/// <summary>A lookup table: no personal data, so it stays out of the data map.</summary>
public class Country
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}
