using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A data subject whose personal fields are encrypted with their own key in subject-key mode; its records are
/// crypto-shredded thirty days after creation.</summary>
[Retain(Days = 30, From = nameof(CreatedAt), Then = RetentionAction.Shred)]
public class Patient
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    [Personal(PersonalCategory.Contact)] public string? Phone { get; set; }
    [Personal(PersonalCategory.Biometric)] public byte[]? Photo { get; set; }
    public string Ward { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
