using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Reached through a subject path, with the same owned type as its traveller.</summary>
[Erasure(ErasureAction.Anonymize)]
public class Trip
{
    public int Id { get; set; }

    public Guid TravellerId { get; set; }

    public Traveller? Traveller { get; set; }

    public string Label { get; set; } = "";

    [Personal(Encrypt = false)] public string? Note { get; set; }

    public TravelAddress? Pickup { get; set; }
}
