using DataGuard.Model;

using static DataGuard.EFCore.Tests.ModelBased.ModelRestrictions;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>Erasure over generated models on SQLite (a bounded number each CI run).</summary>
public sealed class SqliteErasureModelTests
{
    [Fact]
    public void Erasure_leaves_no_personal_value_and_counts_the_rows_it_changed()
        => ModelProperty.Check(nameof(Erasure_leaves_no_personal_value_and_counts_the_rows_it_changed), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.ErasureLeavesNoPersonalValueAndCountsWhatChanged, NoOwnedTypes);

    [Fact]
    public void Erasure_reaches_soft_deleted_rows()
        => ModelProperty.Check(nameof(Erasure_reaches_soft_deleted_rows), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.ErasureLeavesNoPersonalValueAndCountsWhatChanged, All(RootSoftDeleted, NoOwnedTypes));

    [Fact]
    public void Erasure_clears_the_personal_values_of_owned_types()
        => ModelProperty.Check(nameof(Erasure_clears_the_personal_values_of_owned_types), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.ErasureLeavesNoPersonalValueAndCountsWhatChanged, All(NoSoftDelete, EveryEntityOwned, AllSetNull));

    [Fact]
    public void Erasure_with_restrict_foreign_keys_throws_nothing_but_DataGuard_exceptions()
        => ModelProperty.Check(nameof(Erasure_with_restrict_foreign_keys_throws_nothing_but_DataGuard_exceptions), ModelProvider.Sqlite,
            ModelProperty.SqliteModels, ModelInvariants.ErasureLeavesNoPersonalValueAndCountsWhatChanged, All(NoOwnedTypes, NoCascade));

    [Fact]
    public void Erasure_with_cascading_foreign_keys_never_deletes_rows_it_reports_anonymised_or_kept()
        => ModelProperty.Check(nameof(Erasure_with_cascading_foreign_keys_never_deletes_rows_it_reports_anonymised_or_kept), ModelProvider.Sqlite,
            ModelProperty.SqliteModels, ModelInvariants.ErasureLeavesNoPersonalValueAndCountsWhatChanged, All(NoOwnedTypes, NoRestrict));

    [Fact]
    public void Erasure_never_deletes_rows_a_retention_minimum_keeps()
        => ModelProperty.Check(nameof(Erasure_never_deletes_rows_a_retention_minimum_keeps), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.ErasureLeavesNoPersonalValueAndCountsWhatChanged, All(NoOwnedTypes, LeafKeptByLaw));

    [Fact]
    public void Erasure_counts_shredded_rows_when_kept_rows_turn_shredding_into_anonymising()
        => ModelProperty.Check(nameof(Erasure_counts_shredded_rows_when_kept_rows_turn_shredding_into_anonymising), ModelProvider.Sqlite,
            ModelProperty.SqliteModels, ModelInvariants.ErasureLeavesNoPersonalValueAndCountsWhatChanged,
                All(NoOwnedTypes, AllSetNull, LeafShreddedUnderKeptBranch));
}
