using DataGuard.Model;

namespace DataGuard.Sample.Web;

/// <summary>An order: kept ten years for the tax authority, so an erasure keeps recent ones and says why.</summary>
[Retain(Days = 3650, From = nameof(PlacedAt), LegalRequirement = "Commercial and tax records: 10 years")]
public class Order
{
    public int Id { get; set; }
    [DataSubject] public Guid CustomerId { get; set; }
    [Personal(PersonalCategory.Contact)] public string ShippingAddress { get; set; } = "";
    public decimal Total { get; set; }
    public DateTime PlacedAt { get; set; }
}
