using DataGuard.EFCore.Encryption;
using DataGuard.EFCore.Tests.TestModel;
using DataGuard.EFCore.Tests.TestModel.Binding;
using DataGuard.Model;
using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Model;

public sealed class RowBindingModelTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Row_binding_without_subject_keys_binds_the_ring_key_values_in_save_changes()
    {
        using var db = TestContexts.Sqlite<RowBindingWithoutSubjectKeysContext>(_folder);

        var result = db.Model.FindEntityType(typeof(LabResult))!.FindProperty(nameof(LabResult.Result))!;
        Assert.Equal("", result.FindAnnotation(EncryptionAnnotationNames.SubjectEncrypted)?.Value);
        Assert.Null(result.GetValueConverter());
    }

    [Fact]
    public void Row_binding_on_a_database_generated_key_is_refused_when_the_model_is_built()
    {
        using var db = TestContexts.Sqlite<GeneratedKeyRowBindingContext>(_folder);

        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);
        Assert.Contains("CaseFile.Id: HasRowBinding() binds values to the primary key, which the database generates here", Assert.Single(ex.Errors),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Row_binding_on_the_ring_for_a_scalar_property_is_refused_when_the_model_is_built()
    {
        using var db = TestContexts.Sqlite<ScalarRowBindingContext>(_folder);

        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);
        Assert.Contains("Assessment.Score: is a Decimal; HasRowBinding() binds encrypted values to their row only for string and byte[] properties",
            Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Row_binding_on_a_derived_type_only_is_refused_when_the_model_is_built()
    {
        using var db = TestContexts.Sqlite<DerivedRowBindingContext>(_folder);

        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);
        Assert.Contains("UrgentDossier: HasRowBinding() must be called on the root of the hierarchy (Dossier)", Assert.Single(ex.Errors),
            StringComparison.Ordinal);
    }
}
