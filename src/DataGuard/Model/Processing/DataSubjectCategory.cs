namespace DataGuard.Model.Processing;

/// <summary>A category of data subjects in the record of processing (Art. 30(1)(c)).</summary>
public sealed class DataSubjectCategory
{
    /// <summary>The category's name, for example "customers".</summary>
    public string Name { get; set; } = "";

    /// <summary>Who belongs to it.</summary>
    public string? Description { get; set; }

    /// <summary>The names of the entities (DataGuard entity names) holding this category's data.</summary>
    public IList<string> Entities { get; } = [];
}
