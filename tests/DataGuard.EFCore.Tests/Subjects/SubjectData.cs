using DataGuard.EFCore.Tests.TestModel;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>A shopper with one old purchase (past its ten-year minimum), one recent purchase (inside it), lines on both,
/// and a review. Every personal value carries the shopper's tag, so a test can search bytes for it.</summary>
internal sealed record SubjectData(Shopper Shopper, Purchase OldPurchase, Purchase RecentPurchase, Review Review)
{
    public static SubjectData Create(string tag, Category category, DateTime now, bool recent = true)
    {
        var shopper = new Shopper { Id = Guid.NewGuid(), Email = $"{tag}@example.com", Nickname = $"nick-{tag}", JoinedAt = now.AddYears(-12) };
        var old = new Purchase
        {
            Shopper = shopper, ShippingAddress = $"1 Old Street {tag}", GiftMessage = $"gift-old-{tag}", PlacedAt = now.AddYears(-11), Total = 10m,
            Lines = [new PurchaseLine { Category = category, Engraving = $"engraving-old-{tag}", Quantity = 1 }],
        };
        var recentPurchase = new Purchase
        {
            Shopper = shopper, ShippingAddress = $"2 New Street {tag}", GiftMessage = $"gift-new-{tag}",
                PlacedAt = recent ? now.AddYears(-1) : now.AddYears(-12), Total = 20m,
            Lines = [new PurchaseLine { Category = category, Engraving = $"engraving-new-{tag}", Quantity = 2 },
                new PurchaseLine { Category = category, Engraving = null, Quantity = 3 }],
        };
        var review = new Review { AuthorId = shopper.Id, Text = $"review-{tag}", Stars = 4 };
        return new SubjectData(shopper, old, recentPurchase, review);
    }

    public object[] Entities => [Shopper, OldPurchase, RecentPurchase, Review];

    /// <summary>The values that are stored in clear (not encrypted), which the database file holds as text.</summary>
    public static string[] ClearValues(string tag)
        => [$"nick-{tag}", $"gift-old-{tag}", $"gift-new-{tag}", $"engraving-old-{tag}", $"engraving-new-{tag}", $"review-{tag}"];
}
