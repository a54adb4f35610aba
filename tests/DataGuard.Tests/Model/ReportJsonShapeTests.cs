using System.Reflection;
using DataGuard.Model.DataMaps;
using DataGuard.Subjects;

namespace DataGuard.Tests.Model;

public sealed class ReportJsonShapeTests
{
    private static IEnumerable<Type> PublicTypes => typeof(DataMap).Assembly.GetExportedTypes();

    [Fact]
    public void Every_public_ToJson_returns_utf8_bytes()
    {
        var methods = PublicTypes
            .SelectMany(static t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(static m => m.Name == "ToJson" && m.GetParameters().Length == 0)
            .ToList();

        Assert.Contains(methods, static m => m.DeclaringType == typeof(DataMap));
        Assert.Contains(methods, static m => m.DeclaringType == typeof(DataGuard.Subjects.ErasureReport));
        Assert.All(methods, static m => Assert.Equal(typeof(byte[]), m.ReturnType));
    }

    [Fact]
    public void Every_public_FromJson_reads_utf8_bytes()
    {
        var methods = PublicTypes
            .SelectMany(static t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(static m => m.Name == "FromJson")
            .ToList();

        Assert.NotEmpty(methods);
        Assert.All(methods, static m => Assert.Equal(typeof(ReadOnlySpan<byte>), Assert.Single(m.GetParameters()).ParameterType));
    }
}
