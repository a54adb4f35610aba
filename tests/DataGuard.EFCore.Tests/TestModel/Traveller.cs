using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A data subject with an owned address; erasure anonymises it.</summary>
[Erasure(ErasureAction.Anonymize)]
public class Traveller
{
    [DataSubject] public Guid Id { get; set; }

    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";

    public TravelAddress? Home { get; set; }
}
