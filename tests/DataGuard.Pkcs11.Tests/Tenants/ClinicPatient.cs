using DataGuard.Model;

namespace DataGuard.Pkcs11.Tests.Tenants;

/// <summary>A patient of one tenant in a database the tenants share: encrypted, one of them searchable.</summary>
public class ClinicPatient
{
    [DataSubject] public Guid Id { get; set; }
    [TenantId] public string? TenantId { get; set; }
    [Personal(PersonalCategory.Contact, Searchable = true)] public string Email { get; set; } = "";
    [Personal(PersonalCategory.Health)] public string Diagnosis { get; set; } = "";
}
