using System.Diagnostics;
using System.Text.RegularExpressions;
using DataGuard.Testing;

namespace DataGuard.Analyzers.Tests.Style;

/// <summary>
/// The code style in the repository's .editorconfig fails the build, not only the editor: a tiny project that imports
/// the repository's Directory.Build.props (EnforceCodeStyleInBuild, TreatWarningsAsErrors) and uses a copy of its
/// .editorconfig is built with <c>dotnet build</c>, one file breaking the rules and one keeping them.
/// </summary>
public sealed partial class CodeStyleBuildTests
{
    private const string Breaking = """
        namespace Probe;

        internal static class Breaking
        {
            public static int Count(int start)
            {
                int count = start;
                if (count > 0) count++;
                var _twice = count * 2;
                return _twice;
            }
        }
        """;

    private const string Keeping = """
        namespace Probe;

        internal static class Keeping
        {
            public static int Count(int start)
            {
                var count = start;
                if (count > 0)
                {
                    count++;
                }

                var twice = count * 2;
                return twice;
            }
        }
        """;

    [Fact]
    public async Task A_build_fails_on_an_explicit_type_a_block_without_braces_and_a_local_named_like_a_field()
    {
        using var folder = new TempDirectory();
        var root = ApprovedApi.RepositoryRoot();
        File.Copy(Path.Combine(root, ".editorconfig"), folder.File(".editorconfig"));
        await File.WriteAllTextAsync(folder.File("Directory.Build.props"), $"""
            <Project>
              <Import Project="{Path.Combine(root, "Directory.Build.props")}" />
              <PropertyGroup>
                <ArtifactsPath>{folder.File("artifacts")}</ArtifactsPath>
              </PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(folder.File("Probe.csproj"), """<Project Sdk="Microsoft.NET.Sdk" />""");
        await File.WriteAllTextAsync(folder.File("Breaking.cs"), Breaking + "\n");
        await File.WriteAllTextAsync(folder.File("Keeping.cs"), Keeping + "\n");

        var (exitCode, output) = await BuildAsync(folder.Path);

        var errors = ErrorLine().Matches(output).Select(m => (File: m.Groups["file"].Value, Id: m.Groups["id"].Value)).Distinct().ToList();
        Assert.True(exitCode != 0, "The build succeeded:" + Environment.NewLine + output);
        Assert.Equal(
            [("Breaking.cs", "IDE0007"), ("Breaking.cs", "IDE0011"), ("Breaking.cs", "IDE1006")],
            errors.Order().ToList());
    }

    private static async Task<(int ExitCode, string Output)> BuildAsync(string folder)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "build", "Probe.csproj", "-nologo", "-v:q", "-nodeReuse:false", "-p:UseSharedCompilation=false" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings would point the child build at this test project's build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary><c>/tmp/…/Breaking.cs(7,9): error IDE0007: use 'var' …</c></summary>
    [GeneratedRegex(@"(?<file>[^/\\(]+\.cs)\(\d+,\d+\): error (?<id>[A-Z]+\d+)")]
    private static partial Regex ErrorLine();
}
