using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Medical records the law keeps for ten years (a retention minimum), under the patient's own key in
/// subject-key mode: while one is kept, the patient's key must not be shredded.</summary>
[Retain(Days = 3650, From = nameof(IssuedOn), LegalRequirement = "Medical records: 10 years")]
public class Prescription
{
    public int Id { get; set; }
    [DataSubject] public Guid PatientId { get; set; }
    [Personal(PersonalCategory.Health)] public string Drug { get; set; } = "";
    public DateTime IssuedOn { get; set; }
}
