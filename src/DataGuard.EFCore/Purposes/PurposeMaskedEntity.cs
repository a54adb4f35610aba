using DataGuard.Consent;

namespace DataGuard.EFCore.Purposes;

/// <summary>Which fields of an entity a purpose scope masked, and under which purpose.</summary>
internal sealed record PurposeMaskedEntity(string Purpose, IReadOnlyList<string> Properties);
