using static DataGuard.EFCore.Tests.ModelBased.ModelRestrictions;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>Audit over generated models on SQLite (a bounded number each CI run).</summary>
public sealed class SqliteAuditModelTests
{
    [Fact]
    public void Audit_entries_of_rows_with_their_own_subject_column_carry_that_subject()
        => ModelProperty.Check(nameof(Audit_entries_of_rows_with_their_own_subject_column_carry_that_subject), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.AuditEntriesCarryTheSubjectOfTheirRow(subjectPaths: false));

    [Fact]
    public void Audit_entries_of_rows_reached_through_a_subject_path_carry_that_subject()
        => ModelProperty.Check(nameof(Audit_entries_of_rows_reached_through_a_subject_path_carry_that_subject), ModelProvider.Sqlite,
            ModelProperty.SqliteModels, ModelInvariants.AuditEntriesCarryTheSubjectOfTheirRow(subjectPaths: true));

    [Fact]
    public void Audit_entries_of_owned_types_carry_the_subject_of_their_owner()
        => ModelProperty.Check(nameof(Audit_entries_of_owned_types_carry_the_subject_of_their_owner), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.AuditEntriesCarryTheSubjectOfTheirRow(subjectPaths: true), EveryEntityOwned);

    [Fact]
    public void Reads_of_several_subjects_rows_appear_in_each_subjects_audit_and_export()
        => ModelProperty.Check(nameof(Reads_of_several_subjects_rows_appear_in_each_subjects_audit_and_export), ModelProvider.Sqlite,
            ModelProperty.SqliteModels, ModelInvariants.ReadsAppearInTheAuditOfEachSubjectRead);
}
