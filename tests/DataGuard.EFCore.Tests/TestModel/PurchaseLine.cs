using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>A grandchild without a subject column: reached through <c>HasSubjectPath(l =&gt; l.Purchase.ShopperId)</c>.</summary>
public class PurchaseLine
{
    public int Id { get; set; }
    public int PurchaseId { get; set; }
    public Purchase? Purchase { get; set; }
    public int CategoryId { get; set; }
    public Category? Category { get; set; }
    [Personal(Encrypt = false)] public string? Engraving { get; set; }
    public int Quantity { get; set; }
}
