using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel.Binding;

/// <summary>Personal values on the key ring (no data subject), bound to their row in <see cref="RowBoundContext"/>.</summary>
public class Dossier
{
    public Guid Id { get; set; }
    [Personal(Searchable = true)] public string Summary { get; set; } = "";
    [Personal] public byte[]? Scan { get; set; }
}
