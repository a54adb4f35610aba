namespace DataGuard.EFCore.Tests.Consent;

public sealed class Note
{
    public int Id { get; set; }

    public string Text { get; set; } = "";
}
