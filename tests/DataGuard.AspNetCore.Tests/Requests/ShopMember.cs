using DataGuard.Model;

namespace DataGuard.AspNetCore.Tests.Requests;

/// <summary>A member keyed by the same id the authentication handler puts in the user's claims.</summary>
public sealed class ShopMember
{
    [DataSubject] public string Id { get; set; } = "";

    [Personal(Searchable = true)] public string Email { get; set; } = "";

    [Personal] public string Name { get; set; } = "";
}
