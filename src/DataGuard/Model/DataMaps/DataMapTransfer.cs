using DataGuard.Model.Processing;

namespace DataGuard.Model.DataMaps;

/// <summary>A transfer outside the EEA in the <see cref="DataMap"/> (Art. 30(1)(e)).</summary>
/// <param name="Recipient">Who receives the data.</param>
/// <param name="Country">The third country or international organisation.</param>
/// <param name="Safeguard">The safeguard it relies on.</param>
/// <param name="Documentation">Where the safeguard is documented.</param>
public sealed record DataMapTransfer(string Recipient, string Country, TransferSafeguard Safeguard, string? Documentation);
