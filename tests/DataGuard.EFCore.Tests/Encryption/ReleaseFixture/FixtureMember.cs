using DataGuard.Model;

namespace DataGuard.EFCore.Tests.Encryption.ReleaseFixture;

/// <summary>Subject-key encrypted strings as the first release stored them. Frozen with the committed fixture.</summary>
public class FixtureMember
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    [Personal(PersonalCategory.Contact)] public string? Phone { get; set; }
}
