using DataGuard.Model;

namespace DataGuard.EFCore.Tests.Encryption.ReleaseFixture;

/// <summary>Ring-key encrypted fields of every kind the first release stored. Frozen: the committed fixture database was
/// written with this shape, so it must not change.</summary>
public class FixtureAccount
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    [Personal(PersonalCategory.Financial)] public int CreditScore { get; set; }
    [Personal(PersonalCategory.Identity)] public DateOnly BirthDate { get; set; }
    [Personal(PersonalCategory.Financial)] public decimal Balance { get; set; }
    [Personal(PersonalCategory.Identity)] public Guid NationalId { get; set; }
    [Personal(PersonalCategory.Contact)] public string? Phone { get; set; }
}
