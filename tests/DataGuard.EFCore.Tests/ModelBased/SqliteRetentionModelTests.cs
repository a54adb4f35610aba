using static DataGuard.EFCore.Tests.ModelBased.ModelRestrictions;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>Retention over generated models on SQLite (a bounded number each CI run).</summary>
public sealed class SqliteRetentionModelTests
{
    [Fact]
    public void Retention_dry_run_equals_real_run_and_what_sql_observes()
        => ModelProperty.Check(nameof(Retention_dry_run_equals_real_run_and_what_sql_observes), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.RetentionDryRunEqualsRealRunAndSql, NoOwnedTypes);

    [Fact]
    public void Retention_dry_run_predicts_a_chain_of_restricting_foreign_keys()
        => ModelProperty.Check(nameof(Retention_dry_run_predicts_a_chain_of_restricting_foreign_keys), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.RetentionDryRunEqualsRealRunAndSql, All(NoOwnedTypes, NoCascade));

    [Fact]
    public void Retention_reaches_soft_deleted_rows()
        => ModelProperty.Check(nameof(Retention_reaches_soft_deleted_rows), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.RetentionDryRunEqualsRealRunAndSql, All(RootSoftDeleted, NoOwnedTypes));

    [Fact]
    public void Retention_counts_and_predicts_rows_deleted_by_a_cascade()
        => ModelProperty.Check(nameof(Retention_counts_and_predicts_rows_deleted_by_a_cascade), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.RetentionDryRunEqualsRealRunAndSql, All(NoOwnedTypes, RootPurgedWithCascades));

    [Fact]
    public void Retention_clears_the_personal_values_of_owned_types()
        => ModelProperty.Check(nameof(Retention_clears_the_personal_values_of_owned_types), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.RetentionDryRunEqualsRealRunAndSql,
                All(NoSoftDelete, EveryEntityOwned, NoCascade, NoSetNullSubjectColumn, ShredOnlyWithRequiredSubject, OneShredPolicy));

    [Fact]
    public void Retention_shred_accounts_for_due_rows_without_a_subject()
        => ModelProperty.Check(nameof(Retention_shred_accounts_for_due_rows_without_a_subject), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.RetentionDryRunEqualsRealRunAndSql, All(NoOwnedTypes, OptionalSubjectShredded));

    [Fact]
    public void Retention_with_two_shredding_policies_clears_and_predicts_both()
        => ModelProperty.Check(nameof(Retention_with_two_shredding_policies_clears_and_predicts_both), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.RetentionDryRunEqualsRealRunAndSql, All(NoOwnedTypes, TwoShredPolicies));

    [Fact]
    public void Rows_whose_subject_column_a_delete_sets_to_null_stay_readable()
        => ModelProperty.Check(nameof(Rows_whose_subject_column_a_delete_sets_to_null_stay_readable), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.RetentionDryRunEqualsRealRunAndSql, All(NoOwnedTypes, SubjectColumnSetNull));
}
