using DataGuard.Model.DataMaps;

namespace DataGuard.Model.Processing;

/// <summary>
/// What the record of processing (GDPR Art. 30(1)) needs beyond the model and the purposes: who the controller, its
/// representative and its data protection officer are, the categories of data subjects, the recipients and processors,
/// transfers outside the EEA with their safeguards, and the security measures. <see cref="DataGuard.Model.DataMaps.DataMap"/> renders it with
/// the rest; docs/data-map.md has the checklist.
/// </summary>
public sealed class RecordOfProcessingOptions
{
    /// <summary>The controller (Art. 30(1)(a)).</summary>
    public ProcessingParty Controller { get; } = new();

    /// <summary>The controller's representative in the Union (Art. 27), when it has one.</summary>
    public ProcessingParty Representative { get; } = new();

    /// <summary>The data protection officer (Art. 37), when one is designated.</summary>
    public ProcessingParty DataProtectionOfficer { get; } = new();

    /// <summary>The categories of data subjects (Art. 30(1)(c)), for example customers, patients, staff.</summary>
    public IList<DataSubjectCategory> SubjectCategories { get; } = [];

    /// <summary>The recipients the data is disclosed to, processors included (Art. 30(1)(d)).</summary>
    public IList<DataRecipient> Recipients { get; } = [];

    /// <summary>Transfers to third countries or international organisations and their safeguards (Art. 30(1)(e)).</summary>
    public IList<DataTransfer> Transfers { get; } = [];

    /// <summary>Technical and organisational security measures besides those DataGuard applies and lists itself
    /// (Art. 30(1)(g)), for example "staff trained yearly".</summary>
    public IList<string> SecurityMeasures { get; } = [];
}
