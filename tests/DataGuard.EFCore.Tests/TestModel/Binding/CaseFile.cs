using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel.Binding;

/// <summary>A subject's rows with an integer key the application assigns, bound to their row in
/// <see cref="RowBoundContext"/> (subject keys off: the values are on the ring).</summary>
public class CaseFile
{
    public int Id { get; set; }
    [DataSubject] public Guid ClientId { get; set; }
    [Personal] public string Note { get; set; } = "";
}
