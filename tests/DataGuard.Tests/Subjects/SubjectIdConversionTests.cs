using System.Reflection;
using DataGuard.Subjects;

namespace DataGuard.Tests.Subjects;

public sealed class SubjectIdConversionTests
{
    [Fact]
    public void No_implicit_conversion_takes_a_reference_type_that_could_be_null()
    {
        var implicitFromReferenceTypes = typeof(SubjectId)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(static m => m.Name == "op_Implicit" && m.ReturnType == typeof(SubjectId))
            .Select(static m => m.GetParameters()[0].ParameterType)
            .Where(static t => !t.IsValueType)
            .ToList();

        Assert.Empty(implicitFromReferenceTypes);
    }

    [Fact]
    public void A_string_converts_only_explicitly_and_a_null_string_is_refused()
    {
        string? missing = null;

        Assert.Equal("ana", ((SubjectId)"ana").Value);
        Assert.Throws<ArgumentNullException>(() => (SubjectId)missing!);
    }
}
