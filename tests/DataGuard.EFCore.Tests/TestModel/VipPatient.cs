using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A derived type (TPH) with a personal property of its own.</summary>
public class VipPatient : Patient
{
    [Personal(PersonalCategory.Contact)] public string? Concierge { get; set; }
}
