using DataGuard.Model;

namespace DataGuard.Tests.Model.Billing;

public class Contact
{
    [DataSubject] public Guid Id { get; set; }
    [Personal] public string Email { get; set; } = "";
}
