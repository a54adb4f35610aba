using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.Sample.Web;

/// <summary>A shop customer: the data subject.</summary>
[Retain(Days = 730, From = nameof(CreatedAt), Then = RetentionAction.Anonymize)]
public class Customer
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true, Mask = MaskStyle.Email)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    [Personal(PersonalCategory.Financial, Mask = MaskStyle.Last4)] public string? CardNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Order> Orders { get; } = [];
}
