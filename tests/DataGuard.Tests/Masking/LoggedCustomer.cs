using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.Tests.Masking;

/// <summary>An annotated entity logged whole with [LogProperties].</summary>
internal sealed class LoggedCustomer
{
    [DataSubject] public Guid Id { get; init; }
    [Personal(PersonalCategory.Contact, Mask = MaskStyle.Email)] public string Email { get; init; } = "";
    public int Orders { get; init; }
}
