using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.Tests.Masking;

/// <summary>A record, whose generated ToString would print every property in clear, with personal fields of several
/// masks and types.</summary>
public sealed record MaskedCustomer
{
    [DataSubject] public Guid Id { get; init; }
    [Personal(PersonalCategory.Contact, Mask = MaskStyle.Email)] public string Email { get; init; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; init; } = "";
    [Personal(PersonalCategory.Financial)] public string? CardNumber { get; init; }
    [Personal(PersonalCategory.Demographic, Mask = MaskStyle.Partial)] public DateOnly BirthDate { get; init; }
    [Personal(PersonalCategory.Identity, Mask = MaskStyle.Null)] public string? Nickname { get; init; }
    [Personal(PersonalCategory.Identity), MaskWith("initials")] public string? FullName { get; init; }
    public int Orders { get; init; }
    public List<string> Tags { get; init; } = [];
}
