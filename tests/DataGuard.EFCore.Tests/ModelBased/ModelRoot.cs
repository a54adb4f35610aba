namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>The data subject: its key is the subject id.</summary>
public sealed class ModelRoot : ModelRow
{
    public Guid Id { get; set; }
}
