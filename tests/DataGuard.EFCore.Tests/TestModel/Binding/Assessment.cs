using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel.Binding;

/// <summary>An encrypted decimal, which row binding on the ring does not support.</summary>
public class Assessment
{
    public Guid Id { get; set; }
    [Personal] public decimal Score { get; set; }
}
