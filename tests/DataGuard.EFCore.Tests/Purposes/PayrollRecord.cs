using DataGuard.Model;
using DataGuard.Purposes;

namespace DataGuard.EFCore.Tests.Purposes;

/// <summary>An entity that lists the only purpose allowed to use it.</summary>
[AllowedPurposes("payroll")]
public sealed class PayrollRecord
{
    public int Id { get; set; }
    [DataSubject] public Guid EmployeeId { get; set; }
    [Personal(PersonalCategory.Financial)] public string Iban { get; set; } = "";
}
