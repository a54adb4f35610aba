using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel.Billing;

/// <summary>A type named with the attribute, so its values are bound to "billing.supplier" whatever the class is called.</summary>
[DataGuardEntity("billing.supplier")]
public class Supplier
{
    public int Id { get; set; }
    [Personal(PersonalCategory.Contact)] public string Email { get; set; } = "";
}
