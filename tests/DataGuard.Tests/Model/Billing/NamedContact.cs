using DataGuard.Model;

namespace DataGuard.Tests.Model.Billing;

[DataGuardEntity("billing.contact")]
public class NamedContact
{
    [DataSubject] public Guid Id { get; set; }
    [Personal] public string Email { get; set; } = "";
}
