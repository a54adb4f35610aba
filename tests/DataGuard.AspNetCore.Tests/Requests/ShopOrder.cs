using DataGuard.Model;

namespace DataGuard.AspNetCore.Tests.Requests;

public sealed class ShopOrder
{
    public int Id { get; set; }

    [DataSubject] public string MemberId { get; set; } = "";

    [Personal] public string ShippingAddress { get; set; } = "";
}
