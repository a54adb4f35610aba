using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel.Billing;

/// <summary>A billing contact: same class name as <see cref="Crm.Contact"/>, another namespace and table.</summary>
public class Contact
{
    public int Id { get; set; }
    [DataSubject] public Guid PersonId { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
}
