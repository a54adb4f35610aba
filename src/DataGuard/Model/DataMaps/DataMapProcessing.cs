namespace DataGuard.Model.DataMaps;

/// <summary>The parts of the record of processing that are not in the model: who is responsible, whose data it is, who
/// receives it, where it goes, how long each category is kept and how it is secured (GDPR Art. 30(1)(a), (c)-(g)).</summary>
/// <param name="Controller">The controller.</param>
/// <param name="Representative">The controller's representative in the Union, if any.</param>
/// <param name="DataProtectionOfficer">The data protection officer, if any.</param>
/// <param name="SubjectCategories">The categories of data subjects.</param>
/// <param name="Recipients">The recipients, processors included.</param>
/// <param name="Transfers">Transfers outside the EEA with their safeguards.</param>
/// <param name="RetentionByCategory">The time limits for erasure per category of personal data.</param>
/// <param name="SecurityMeasures">Technical and organisational security measures: DataGuard's own, then the application's.</param>
public sealed record DataMapProcessing(
    DataMapParty? Controller,
    DataMapParty? Representative,
    DataMapParty? DataProtectionOfficer,
    IReadOnlyList<DataMapSubjectCategory> SubjectCategories,
    IReadOnlyList<DataMapRecipient> Recipients,
    IReadOnlyList<DataMapTransfer> Transfers,
    IReadOnlyList<DataMapCategoryRetention> RetentionByCategory,
    IReadOnlyList<string> SecurityMeasures)
{
    /// <summary>Where the data is stored: the regions and each tenant's region; null when residency is off (and in maps
    /// written before residency existed, which read unchanged).</summary>
    public DataMapResidency? Residency { get; init; }
}
