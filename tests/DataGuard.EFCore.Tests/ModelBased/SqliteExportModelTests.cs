using static DataGuard.EFCore.Tests.ModelBased.ModelRestrictions;

namespace DataGuard.EFCore.Tests.ModelBased;

/// <summary>Export over generated models on SQLite (a bounded number each CI run).</summary>
public sealed class SqliteExportModelTests
{
    [Fact]
    public void Export_holds_every_row_of_the_subject_without_query_filters()
        => ModelProperty.Check(nameof(Export_holds_every_row_of_the_subject_without_query_filters), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.ExportHoldsEveryRowOfTheSubject, NoSoftDelete);

    [Fact]
    public void Export_holds_every_row_of_the_subject_soft_deleted_ones_too()
        => ModelProperty.Check(nameof(Export_holds_every_row_of_the_subject_soft_deleted_ones_too), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.ExportHoldsEveryRowOfTheSubject);

    [Fact]
    public void Export_holds_the_personal_values_of_owned_types()
        => ModelProperty.Check(nameof(Export_holds_the_personal_values_of_owned_types), ModelProvider.Sqlite, ModelProperty.SqliteModels,
            ModelInvariants.ExportHoldsThePersonalValuesOfOwnedTypes, All(NoSoftDelete, EveryEntityOwned));
}
