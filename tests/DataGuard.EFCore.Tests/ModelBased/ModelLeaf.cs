namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>A grandchild of the subject (depth 2), under <see cref="ModelBranchA"/>, reached through a subject path.</summary>
public sealed class ModelLeaf : ModelRow
{
    public int Id { get; set; }

    public int ParentId { get; set; }

    public int? ParentRef { get; set; }

    public ModelBranchA? Parent { get; set; }
}
