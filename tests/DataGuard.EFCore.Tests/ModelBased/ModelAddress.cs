namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>The owned type of the pool: personal values stored in the owner's table.</summary>
public sealed class ModelAddress
{
    public string Street { get; set; } = "";

    public string? City { get; set; }
}
