using DataGuard.AspNetCore.Pages;
using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.AspNetCore.Tests.Masking;

/// <summary>The entity the test endpoints return.</summary>
public sealed class ShopCustomer
{
    [DataSubject] public Guid Id { get; set; }
    [Personal(PersonalCategory.Contact, Mask = MaskStyle.Email)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Identity)] public string Name { get; set; } = "";
    [Personal(PersonalCategory.Financial)] public string? CardNumber { get; set; }
    public int Orders { get; set; }
}
