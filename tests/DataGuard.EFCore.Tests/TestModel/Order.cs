using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

public class Order
{
    public int Id { get; set; }
    [DataSubject] public Guid CustomerId { get; set; }
    [Personal(PersonalCategory.Contact)] public string ShippingAddress { get; set; } = "";
    public decimal Total { get; set; }
}
