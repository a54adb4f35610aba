using DataGuard.Testing;
using static DataGuard.EFCore.Tests.ModelBased.ModelRestrictions;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>Owned types on PostgreSQL: their values are exported, cleared and audited with their owner, as on SQLite
/// (<see cref="SqliteExportModelTests"/>, <see cref="SqliteErasureModelTests"/>, <see cref="SqliteRetentionModelTests"/>,
/// <see cref="SqliteAuditModelTests"/>); and reads of several subjects' rows are in each subject's audit and export.</summary>
public sealed class PostgresOwnedModelTests
{
    [PostgresFact]
    public void Export_holds_the_personal_values_of_owned_types()
        => ModelProperty.Check(nameof(Export_holds_the_personal_values_of_owned_types), ModelProvider.Postgres, ModelProperty.PostgresModels,
            ModelInvariants.ExportHoldsThePersonalValuesOfOwnedTypes, All(NoSoftDelete, EveryEntityOwned));

    [PostgresFact]
    public void Audit_entries_of_owned_types_carry_the_subject_of_their_owner()
        => ModelProperty.Check(nameof(Audit_entries_of_owned_types_carry_the_subject_of_their_owner), ModelProvider.Postgres, ModelProperty.PostgresModels,
            ModelInvariants.AuditEntriesCarryTheSubjectOfTheirRow(subjectPaths: true), EveryEntityOwned);

    [PostgresFact]
    public void Erasure_clears_the_personal_values_of_owned_types()
        => ModelProperty.Check(nameof(Erasure_clears_the_personal_values_of_owned_types), ModelProvider.Postgres, ModelProperty.PostgresModels,
            ModelInvariants.ErasureLeavesNoPersonalValueAndCountsWhatChanged, All(NoSoftDelete, EveryEntityOwned, AllSetNull));

    [PostgresFact]
    public void Retention_clears_the_personal_values_of_owned_types()
        => ModelProperty.Check(nameof(Retention_clears_the_personal_values_of_owned_types), ModelProvider.Postgres, ModelProperty.PostgresModels,
            ModelInvariants.RetentionDryRunEqualsRealRunAndSql,
                All(NoSoftDelete, EveryEntityOwned, NoCascade, NoSetNullSubjectColumn, ShredOnlyWithRequiredSubject, OneShredPolicy));

    [PostgresFact]
    public void Reads_of_several_subjects_rows_appear_in_each_subjects_audit_and_export()
        => ModelProperty.Check(nameof(Reads_of_several_subjects_rows_appear_in_each_subjects_audit_and_export), ModelProvider.Postgres,
            ModelProperty.PostgresModels, ModelInvariants.ReadsAppearInTheAuditOfEachSubjectRead);
}
