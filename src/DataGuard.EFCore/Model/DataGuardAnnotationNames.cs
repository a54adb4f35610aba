using DataGuard.Masking;
using DataGuard.Model;

namespace DataGuard.EFCore.Model;

/// <summary>The EF Core annotations the fluent API writes. Values are primitives so that migrations snapshots and
/// compiled models can carry them.</summary>
internal static class DataGuardAnnotationNames
{
    private const string Prefix = "DataGuard:";

    public const string PersonalCategory = Prefix + "Personal";
    public const string Mask = Prefix + "Mask";
    public const string Searchable = Prefix + "Searchable";
    public const string Encrypt = Prefix + "Encrypt";
    public const string Subject = Prefix + "Subject";
    public const string RetainDays = Prefix + "RetainDays";
    public const string RetainFrom = Prefix + "RetainFrom";
    public const string RetainThen = Prefix + "RetainThen";
    public const string RetainLegalRequirement = Prefix + "RetainLegalRequirement";
    public const string PersonalDataModel = Prefix + "PersonalDataModel";
    public const string SubjectPath = Prefix + "SubjectPath";
    public const string Erasure = Prefix + "Erasure";
    public const string Name = Prefix + "Name";
    public const string RowBinding = Prefix + "RowBinding";
    public const string Tenant = Prefix + "Tenant";

    /// <summary>On the shadow property that holds a subject-key scalar's stored form: the name of the class member
    /// (ignored by EF Core) whose value it stores (<see cref="StoredFormProperty"/>).</summary>
    public const string StoredFormOf = Prefix + "StoredFormOf";
}
