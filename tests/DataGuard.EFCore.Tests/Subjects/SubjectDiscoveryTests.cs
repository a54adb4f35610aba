using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Model;
using DataGuard.Model.DataMaps;
using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.Subjects;

public sealed class SubjectDiscoveryTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_subject_path_is_part_of_the_model_and_the_data_map()
    {
        using var db = TestContexts.Sqlite<SubjectsContext>(_folder);

        var model = db.Model.GetPersonalDataModel();
        var map = DataMap.Create(model, []);

        var line = model.Find(typeof(PurchaseLine))!;
        Assert.Equal(("Purchase.ShopperId", null, true), (line.SubjectPath, line.SubjectProperty, line.IsReachableBySubject));
        Assert.Equal(ErasureAction.Anonymize, model.Find(typeof(Review))!.Erasure);
        Assert.Equal(ErasureAction.Delete, model.Find(typeof(Purchase))!.Erasure);
        Assert.DoesNotContain(map.Entities, e => e.Unreachable);
        Assert.Contains("through `Purchase.ShopperId`", map.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Personal_data_that_no_subject_reaches_is_flagged_in_the_data_map()
    {
        using var db = TestContexts.Sqlite<NoPathContext>(_folder);

        var map = DataMap.Create(db.Model.GetPersonalDataModel(), []);

        Assert.True(map.Entities.Single(e => e.Name == "PurchaseLine").Unreachable);
        Assert.False(map.Entities.Single(e => e.Name == "Purchase").Unreachable);
        Assert.True(DataMap.FromJson(map.ToJson()).Entities.Single(e => e.Name == "PurchaseLine").Unreachable);
        Assert.Contains("personal data no subject reaches", map.ToMarkdown(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(PathToNonSubjectContext),
        "PurchaseLine: HasSubjectPath('Purchase.Total') must end at the data-subject property of Purchase, which is 'ShopperId', not 'Total'.")]
    [InlineData(typeof(PathToLookupContext), "PurchaseLine: HasSubjectPath('Category.Name') ends at Category, which has no data-subject property; " +
        "mark one with [DataSubject] or HasDataSubject(...).")]
    [InlineData(typeof(PathThroughScalarContext), "PurchaseLine: HasSubjectPath('Engraving.Length'): 'Engraving' " +
        "is not a reference navigation of PurchaseLine; " +
        "every step but the last must navigate to a single related entity.")]
    public void A_bad_subject_path_fails_when_the_model_is_built(Type context, string message)
    {
        using var db = (DbContext)typeof(TestContexts).GetMethod(nameof(TestContexts.Sqlite))!.MakeGenericMethod(context).Invoke(null, [_folder, true])!;

        var error = Assert.Throws<DataGuardModelException>(() => db.Model);

        Assert.Contains(message, error.Errors);
    }

    [Fact]
    public void A_subject_path_needs_at_least_two_steps()
    {
        var builder = new ModelBuilder();
        Assert.Throws<ArgumentException>(() => builder.Entity<PurchaseLine>().HasSubjectPath(l => l.PurchaseId));
    }
}
