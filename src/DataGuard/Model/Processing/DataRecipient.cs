namespace DataGuard.Model.Processing;

/// <summary>A recipient of personal data in the record of processing (Art. 30(1)(d)).</summary>
public sealed class DataRecipient
{
    /// <summary>The recipient's name, or its category ("payment providers").</summary>
    public string Name { get; set; } = "";

    /// <summary>What the recipient is to the controller.</summary>
    public RecipientRole Role { get; set; }

    /// <summary>The purposes for which data is disclosed to it (declared purposes' names).</summary>
    public IList<string> Purposes { get; } = [];

    /// <summary>The country where the recipient processes the data (ISO 3166 code or name).</summary>
    public string? Country { get; set; }
}
