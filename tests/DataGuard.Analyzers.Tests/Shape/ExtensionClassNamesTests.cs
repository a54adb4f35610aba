using DataGuard.Testing;

namespace DataGuard.Analyzers.Tests.Shape;

/// <summary>Public extension classes follow docs/contributing.md's naming pattern, so the next one cannot drift.</summary>
public sealed class ExtensionClassNamesTests
{
    private const string Convention = "{ public static T R<T>(this T b) where T : IEndpointConventionBuilder => b; }";
    private const string Queryable = "{ public static void W<T>(this DbSet<T> s) { } public static void W<T>(this IQueryable<T> s) { } }";

    [Fact]
    public void Every_public_extension_class_in_src_is_named_DataGuard_feature_extended_type_Extensions()
    {
        var offences = ExtensionClassNames.Offences(ApprovedApi.RepositoryRoot());

        Assert.True(offences.Count == 0,
            "Name extension classes DataGuard[Feature]<ExtendedType>Extensions (docs/contributing.md, Namespaces):" + Environment.NewLine +
            string.Join(Environment.NewLine, offences));
    }

    [Theory]
    [InlineData("public static class MaskerExtensions { public static string M(this IMasker m) => \"\"; }", 1)]
    [InlineData("public static class DataGuardMaskerExtensions { public static string M(this IMasker m) => \"\"; }", 0)]
    [InlineData("public static class DataGuardBuilderAuditExtensions { public static IDataGuardBuilder A(this IDataGuardBuilder b) => b; }", 1)]
    [InlineData("public static class DataGuardAuditBuilderExtensions { public static IDataGuardBuilder A(this IDataGuardBuilder b) => b; }", 0)]
    [InlineData("public static class ConsentEndpointConventionBuilderExtensions " + Convention, 1)]
    [InlineData("public static class DataGuardConsentEndpointConventionBuilderExtensions " + Convention, 0)]
    [InlineData("public static class DataGuardQueryableExtensions " + Queryable, 0)]
    [InlineData("internal static class CategoryExtensions { public static bool S(this PersonalCategory c) => true; }", 0)]
    [InlineData("public static class Helpers { public static int Twice(int x) => 2 * x; }", 0)]
    public void A_public_extension_class_is_named_after_the_type_it_extends(string source, int expected)
    {
        Assert.Equal(expected, ExtensionClassNames.Offences("src/X.cs", source).Count());
    }
}
