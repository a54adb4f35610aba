namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>A child of the subject (depth 1). The model uses <see cref="RootId"/> for a required foreign key and
/// <see cref="RootRef"/> for an optional one, and either declares that column its data subject or reaches the subject
/// through the path <c>Root.Id</c>.</summary>
public sealed class ModelBranchB : ModelRow
{
    public int Id { get; set; }

    public Guid RootId { get; set; }

    public Guid? RootRef { get; set; }

    public ModelRoot? Root { get; set; }
}
