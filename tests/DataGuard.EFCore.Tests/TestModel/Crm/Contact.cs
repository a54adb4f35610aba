using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel.Crm;

/// <summary>A contact of the CRM; <see cref="Billing.Contact"/> has the same class name in another namespace.</summary>
public class Contact
{
    public int Id { get; set; }
    [DataSubject] public Guid PersonId { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
}
