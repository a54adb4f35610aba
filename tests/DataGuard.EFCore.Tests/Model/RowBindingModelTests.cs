using DataGuard.EFCore.Tests.TestModel;
using DataGuard.Testing;

namespace DataGuard.EFCore.Tests.Model;

public sealed class RowBindingModelTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Row_binding_without_subject_keys_is_refused_when_the_model_is_built()
    {
        using var db = TestContexts.Sqlite<RowBindingWithoutSubjectKeysContext>(_folder);

        var ex = Assert.Throws<DataGuardModelException>(() => db.Model);
        Assert.Contains("LabResult: HasRowBinding() needs Encryption.SubjectKeys", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }
}
