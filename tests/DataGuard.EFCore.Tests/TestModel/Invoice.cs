using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>Crypto-shredded after ten years (not supported yet: reported as an error).</summary>
[Retain(Days = 3650, From = nameof(IssuedOn), Then = RetentionAction.Shred, LegalRequirement = "Tax records: 10 years")]
public class Invoice
{
    public int Id { get; set; }
    [DataSubject] public Guid MemberId { get; set; }
    [Personal(PersonalCategory.Contact)] public string BillingAddress { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
}
