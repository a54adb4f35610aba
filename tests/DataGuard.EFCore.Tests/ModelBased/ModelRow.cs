namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>What every entity of the fixed pool carries: personal texts (which ones are personal, encrypted or searchable
/// is configured per generated model), a text that is never personal, a soft-delete flag and a creation date. The base
/// class is not mapped itself; EF Core maps its properties on each entity.</summary>
public abstract class ModelRow
{
    public string Name { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>Never personal: erasure and retention must leave it as it was.</summary>
    public string Label { get; set; } = "";

    public bool IsDeleted { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Mapped as an owned type when the model says so, ignored otherwise.</summary>
    public ModelAddress? Address { get; set; }
}
