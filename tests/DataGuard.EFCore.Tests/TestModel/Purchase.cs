using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A child with its own subject column, kept for ten years by law (a retention minimum).</summary>
[Retain(Days = 3650, From = nameof(PlacedAt), LegalRequirement = "Tax records: 10 years")]
public class Purchase
{
    public int Id { get; set; }
    [DataSubject] public Guid ShopperId { get; set; }
    public Shopper? Shopper { get; set; }
    [Personal(PersonalCategory.Contact)] public string ShippingAddress { get; set; } = "";
    [Personal(Encrypt = false)] public string? GiftMessage { get; set; }
    public DateTime PlacedAt { get; set; }
    public decimal Total { get; set; }
    public List<PurchaseLine> Lines { get; set; } = [];
}
