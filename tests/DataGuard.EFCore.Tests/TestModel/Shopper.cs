using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>The subjects tests' direct subject entity: its key is the subject id.</summary>
public class Shopper
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true, Mask = MaskStyle.Email)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity, Encrypt = false)] public string Nickname { get; set; } = "";
    public DateTime JoinedAt { get; set; }
    public List<Purchase> Purchases { get; set; } = [];
}
