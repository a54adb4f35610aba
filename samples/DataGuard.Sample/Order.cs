using DataGuard.Model;

namespace DataGuard.Sample;

[Retain(Days = 3650, From = nameof(PlacedAt), LegalRequirement = "Commercial and tax records: 10 years")]
public class Order
{
    public int Id { get; set; }
    [DataSubject] public Guid CustomerId { get; set; }
    [Personal(PersonalCategory.Contact)] public string ShippingAddress { get; set; } = "";
    public decimal Total { get; set; }
    public DateTime PlacedAt { get; set; }
    public string CountryCode { get; set; } = "";
}
