using DataGuard.Testing;

namespace DataGuard.Analyzers.Tests.Shape;

/// <summary>
/// The shape rules of src/: no file over 250 lines, no method over 60 lines or 6 parameters. The places that break
/// them today are listed in <see cref="ShapeAllowlist"/>; the list may only shrink, because an entry that no longer
/// breaks its rule fails the test too.
/// </summary>
public sealed class SourceShapeTests
{
    [Fact]
    public void Source_files_and_methods_stay_within_the_shape_limits()
    {
        var offences = SourceShape.Measure(ApprovedApi.RepositoryRoot());
        var allowed = ShapeAllowlist.Entries.ToHashSet(StringComparer.Ordinal);

        var unlisted = offences.Where(o => !allowed.Contains(o.Key)).Select(o => $"    \"{o.Key}\", // {o.Size}").ToList();
        var stale = ShapeAllowlist.Entries.Except(offences.Select(o => o.Key), StringComparer.Ordinal).ToList();

        Assert.True(unlisted.Count == 0 && stale.Count == 0,
            $"Over the limits ({SourceShape.MaxFileLines} lines a file, {SourceShape.MaxMethodLines} lines or " +
            $"{SourceShape.MaxParameters} parameters a method), split them:{Environment.NewLine}" +
            string.Join(Environment.NewLine, unlisted) + Environment.NewLine +
            $"Within the limits now, remove them from {nameof(ShapeAllowlist)}:{Environment.NewLine}" +
            string.Join(Environment.NewLine, stale));
    }

    [Theory]
    [InlineData(250, 0)]
    [InlineData(251, 1)]
    public void A_file_over_250_lines_offends(int lines, int expected)
    {
        var offences = new List<ShapeOffence>();

        SourceShape.Measure("src/X.cs", string.Concat(Enumerable.Repeat("// line\n", lines)), offences);

        Assert.Equal(expected, offences.Count(o => o.Rule == SourceShape.FileLines));
    }

    [Theory]
    [InlineData(57, 0)]
    [InlineData(58, 1)]
    public void A_method_over_60_lines_offends(int bodyLines, int expected)
    {
        // The declaration line and two braces around the body.
        var body = string.Concat(Enumerable.Repeat("        Console.WriteLine();\n", bodyLines));
        var offences = new List<ShapeOffence>();

        SourceShape.Measure("src/X.cs", $"class C\n{{\n    void M()\n    {{\n{body}    }}\n}}\n", offences);

        Assert.Equal(expected, offences.Count(o => o is { Rule: SourceShape.MethodLines, Name: "src/X.cs: C.M" }));
    }

    [Theory]
    [InlineData("int a, int b, int c, int d, int e, int f", 0)]
    [InlineData("int a, int b, int c, int d, int e, int f, int g", 1)]
    public void A_method_over_6_parameters_offends(string parameters, int expected)
    {
        var offences = new List<ShapeOffence>();

        SourceShape.Measure("src/X.cs", $"class C {{ void M({parameters}) {{ void Local({parameters}) {{ }} }} }}", offences);

        Assert.Equal(expected * 2, offences.Count(o => o.Rule == SourceShape.MethodParameters));
    }

    [Fact]
    public void A_class_primary_constructor_counts_its_parameters_not_the_class_lines()
    {
        var body = string.Concat(Enumerable.Repeat("    int F() => 1;\n", 70));
        var offences = new List<ShapeOffence>();

        SourceShape.Measure("src/X.cs", $"class C(int a, int b, int c, int d, int e, int f, int g)\n{{\n{body}}}\n", offences);

        Assert.Equal(new ShapeOffence(SourceShape.MethodParameters, "src/X.cs: C.ctor", 7), Assert.Single(offences));
    }

    [Fact]
    public void A_record_parameter_object_does_not_offend()
    {
        var offences = new List<ShapeOffence>();

        SourceShape.Measure("src/X.cs", "record R(int A, int B, int C, int D, int E, int F, int G);", offences);

        Assert.Empty(offences);
    }
}
