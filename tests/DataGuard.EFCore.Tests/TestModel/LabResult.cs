using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A subject's rows bound to their own key too (HasRowBinding in <see cref="ClinicContext"/>): a result swapped
/// with another result of the same patient fails to decrypt.</summary>
public class LabResult
{
    public Guid Id { get; set; }
    [DataSubject] public Guid PatientId { get; set; }
    [Personal(PersonalCategory.Health)] public string Result { get; set; } = "";
}
