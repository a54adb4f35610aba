using DataGuard.Testing;
using static DataGuard.EFCore.Tests.ModelBased.ModelRestrictions;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>The invariants that hold today, over fewer generated models on PostgreSQL (each model creates and drops a
/// database of its own); skipped with the reason when DATAGUARD_TEST_POSTGRES is not set.</summary>
public sealed class PostgresModelTests
{
    [PostgresFact]
    public void Export_holds_every_row_of_the_subject_without_query_filters()
        => ModelProperty.Check(nameof(Export_holds_every_row_of_the_subject_without_query_filters), ModelProvider.Postgres, ModelProperty.PostgresModels,
            ModelInvariants.ExportHoldsEveryRowOfTheSubject, NoSoftDelete);

    [PostgresFact]
    public void Audit_entries_of_rows_with_their_own_subject_column_carry_that_subject()
        => ModelProperty.Check(nameof(Audit_entries_of_rows_with_their_own_subject_column_carry_that_subject), ModelProvider.Postgres,
            ModelProperty.PostgresModels, ModelInvariants.AuditEntriesCarryTheSubjectOfTheirRow(subjectPaths: false), NoOwnedTypes);

    [PostgresFact]
    public void Erasure_leaves_no_personal_value_and_counts_the_rows_it_changed()
        => ModelProperty.Check(nameof(Erasure_leaves_no_personal_value_and_counts_the_rows_it_changed), ModelProvider.Postgres, ModelProperty.PostgresModels,
            ModelInvariants.ErasureLeavesNoPersonalValueAndCountsWhatChanged, NoOwnedTypes);

    [PostgresFact]
    public void Retention_dry_run_equals_real_run_and_what_sql_observes()
        => ModelProperty.Check(nameof(Retention_dry_run_equals_real_run_and_what_sql_observes), ModelProvider.Postgres, ModelProperty.PostgresModels,
            ModelInvariants.RetentionDryRunEqualsRealRunAndSql, NoOwnedTypes);
}
