namespace DataGuard.Model.Processing;

/// <summary>A controller, representative or data protection officer in the record of processing.</summary>
public sealed class ProcessingParty
{
    /// <summary>The name; <see langword="null"/> when there is none.</summary>
    public string? Name { get; set; }

    /// <summary>How to reach them: an address, e-mail or web form.</summary>
    public string? Contact { get; set; }
}
