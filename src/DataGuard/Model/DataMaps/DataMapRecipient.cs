using DataGuard.Model.Processing;

namespace DataGuard.Model.DataMaps;

/// <summary>A recipient in the <see cref="DataMap"/> (Art. 30(1)(d)).</summary>
/// <param name="Name">The recipient's name or category.</param>
/// <param name="Role">What it is to the controller.</param>
/// <param name="Purposes">The purposes for which data is disclosed to it.</param>
/// <param name="Country">Where it processes the data.</param>
public sealed record DataMapRecipient(string Name, RecipientRole Role, IReadOnlyList<string> Purposes, string? Country);
