using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Anonymised a year after joining: encrypted, plaintext, required and optional personal properties.</summary>
[Retain(Days = 365, From = nameof(JoinedAt), Then = RetentionAction.Anonymize)]
public class Member
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Contact)] public string? Phone { get; set; }
    [Personal(PersonalCategory.Identity, Encrypt = false)] public string Nickname { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public DateOnly BirthDate { get; set; }
    public string Country { get; set; } = "";
    public int Points { get; set; }
    public DateTime JoinedAt { get; set; }
}
