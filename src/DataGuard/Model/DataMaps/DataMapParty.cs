namespace DataGuard.Model.DataMaps;

/// <summary>A controller, representative or data protection officer in the <see cref="DataMap"/> (Art. 30(1)(a)).</summary>
/// <param name="Name">The name.</param>
/// <param name="Contact">How to reach them.</param>
public sealed record DataMapParty(string Name, string? Contact);
