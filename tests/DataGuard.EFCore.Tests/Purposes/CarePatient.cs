using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.EFCore.Tests.Purposes;

/// <summary>A patient of the purpose tests: identity and contact data, and health notes only care may read.</summary>
public sealed class CarePatient
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    [Personal(PersonalCategory.Contact, Mask = MaskStyle.Email)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Health)] public string? Notes { get; set; }
    [Personal(PersonalCategory.Demographic, Encrypt = false)] public int BirthYear { get; set; }
    public string Ward { get; set; } = "";
}
