namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>A great-grandchild of the subject (depth 3), under <see cref="ModelLeaf"/>, reached through a subject path.</summary>
public sealed class ModelTwig : ModelRow
{
    public int Id { get; set; }

    public int ParentId { get; set; }

    public int? ParentRef { get; set; }

    public ModelLeaf? Parent { get; set; }
}
