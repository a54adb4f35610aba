namespace DataGuard.Model.Processing;

/// <summary>A transfer of personal data to a third country or an international organisation (Art. 30(1)(e)).</summary>
public sealed class DataTransfer
{
    /// <summary>Who receives the data (a recipient's name).</summary>
    public string Recipient { get; set; } = "";

    /// <summary>The third country or international organisation.</summary>
    public string Country { get; set; } = "";

    /// <summary>The safeguard the transfer relies on.</summary>
    public TransferSafeguard Safeguard { get; set; }

    /// <summary>Where the safeguard is documented (a contract reference or link); required for
    /// <see cref="TransferSafeguard.Derogation"/>.</summary>
    public string? Documentation { get; set; }
}
