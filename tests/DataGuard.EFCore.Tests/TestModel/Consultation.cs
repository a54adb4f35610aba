using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A row that belongs to a subject through a foreign id, with a database-generated key of its own.</summary>
public class Consultation
{
    public int Id { get; set; }
    [DataSubject] public Guid PatientId { get; set; }
    [Personal(PersonalCategory.Health)] public string Notes { get; set; } = "";
}
