namespace DataGuard.Tests.Masking;

/// <summary>A type without DataGuard attributes, made personal only by the personal-data model (as EF Core's fluent API
/// does).</summary>
public sealed class FluentOnlyPatient
{
    public Guid Id { get; set; }

    public string Email { get; set; } = "";

    public int Visits { get; set; }
}
