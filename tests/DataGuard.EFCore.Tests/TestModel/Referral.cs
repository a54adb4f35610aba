using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>An entity EF Core creates through its constructor, which takes the subject and an encrypted property: with
/// subject keys on, the constructor gets the stored form and DataGuard decrypts the property afterwards.</summary>
public class Referral(Guid id, Guid patientId, string reason)
{
    public Guid Id { get; private set; } = id;

    [DataSubject] public Guid PatientId { get; private set; } = patientId;

    [Personal(PersonalCategory.Health)] public string Reason { get; set; } = reason;

    [Personal(PersonalCategory.Health)] public string? Specialist { get; set; }
}
