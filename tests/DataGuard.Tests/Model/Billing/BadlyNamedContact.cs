using DataGuard.Model;

namespace DataGuard.Tests.Model.Billing;

[DataGuardEntity("../contact")]
public class BadlyNamedContact
{
    [Personal] public string Email { get; set; } = "";
}
