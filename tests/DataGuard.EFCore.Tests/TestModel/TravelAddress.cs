using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel;

/// <summary>An owned type (<c>OwnsOne</c>) with personal values, owned by two entity types.</summary>
public class TravelAddress
{
    [Personal(PersonalCategory.Location, Searchable = true)] public string Street { get; set; } = "";

    [Personal(PersonalCategory.Location, Encrypt = false)] public string? City { get; set; }
}
