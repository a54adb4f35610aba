using DataGuard.Model;

namespace DataGuard.Tests.Model.Crm;

public class Contact
{
    [DataSubject] public Guid Id { get; set; }
    [Personal] public string Email { get; set; } = "";
}
