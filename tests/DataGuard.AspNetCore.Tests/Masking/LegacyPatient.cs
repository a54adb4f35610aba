using DataGuard.AspNetCore.Pages;

namespace DataGuard.AspNetCore.Tests.Masking;

/// <summary>An entity the application cannot annotate: its subject and personal fields are declared only through the EF
/// Core fluent API in <see cref="LegacyClinicDb"/>.</summary>
public sealed class LegacyPatient
{
    public Guid Id { get; set; }

    public string Email { get; set; } = "";

    public string Name { get; set; } = "";

    public int Visits { get; set; }
}
