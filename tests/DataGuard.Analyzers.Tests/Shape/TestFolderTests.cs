using System.Text.RegularExpressions;
using DataGuard.Testing;

namespace DataGuard.Analyzers.Tests.Shape;

/// <summary>
/// Tests mirror the source folders (docs/contributing.md): every folder of a test project is a folder of its package in
/// src/, so a newcomer finds a feature's tests where its code is. The few folders only tests have are listed here, each
/// with its reason.
/// </summary>
public sealed class TestFolderTests
{
    /// <summary>The package whose folders each test project mirrors.</summary>
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["DataGuard.Tests"] = "DataGuard",
        ["DataGuard.EFCore.Tests"] = "DataGuard.EFCore",
        ["DataGuard.AspNetCore.Tests"] = "DataGuard.AspNetCore",
        ["DataGuard.AspNetCore.Browser.Tests"] = "DataGuard.AspNetCore",
        ["DataGuard.Pkcs11.Tests"] = "DataGuard.Pkcs11",
        ["DataGuard.Analyzers.Tests"] = "DataGuard.Analyzers",
    };

    /// <summary>Folders only tests have ("test project/folder"; a folder's subfolders included), with the reason.</summary>
    private static readonly Dictionary<string, string> TestOnlyFolders = new(StringComparer.Ordinal)
    {
        ["DataGuard.Tests/PublicApi"] = "the package's approved public API",
        ["DataGuard.Tests/Model/Billing"] = "entity types named as those in Model/Crm, in another namespace: the name-collision tests",
        ["DataGuard.Tests/Model/Crm"] = "entity types named as those in Model/Billing, in another namespace: the name-collision tests",
        ["DataGuard.EFCore.Tests/PublicApi"] = "the package's approved public API",
        ["DataGuard.EFCore.Tests/ModelBased"] = "FsCheck model-based tests of invariants that span every feature",
        ["DataGuard.EFCore.Tests/TestModel"] = "the entity model the tests share",
        ["DataGuard.EFCore.Tests/Testing"] = "test hosts and helpers",
        ["DataGuard.EFCore.Tests/Encryption/ReleaseFixture"] = "values written by an earlier release, read back by this one",
        ["DataGuard.EFCore.Tests/Caching"] = "src/DataGuard/Caching against Redis with a database: the core package's folder",
        ["DataGuard.EFCore.Tests/Diagnostics"] = "src/DataGuard/Diagnostics (health checks, telemetry) with a database: the core package's folder",
        ["DataGuard.AspNetCore.Tests/PublicApi"] = "the package's approved public API",
        ["DataGuard.AspNetCore.Tests/Logging"] = "the event-id table of every package's log messages",
        ["DataGuard.Pkcs11.Tests/PublicApi"] = "the package's approved public API",
        ["DataGuard.Pkcs11.Tests/Testing"] = "SoftHSM2 tokens for the tests",
        ["DataGuard.Pkcs11.Tests/Tenants"] = "tenant keys end to end on SoftHSM2 (src/DataGuard/Tenants/Keys with a real token)",
        ["DataGuard.Analyzers.Tests/Shape"] = "checks of the whole repository's shape",
        ["DataGuard.Analyzers.Tests/Style"] = "checks of the whole repository's code style",
    };

    [Fact]
    public void Every_test_folder_is_a_folder_of_its_package_or_a_listed_test_only_folder()
    {
        var root = ApprovedApi.RepositoryRoot();

        var strays = Directory.EnumerateDirectories(Path.Combine(root, "tests"))
            .Where(project => Directory.EnumerateFiles(project, "*.csproj").Any())
            .SelectMany(project => Strays(root, Path.GetFileName(project)))
            .ToList();

        Assert.True(strays.Count == 0,
            "Test folders without a source folder: move the tests to the folder of the code they test (git mv, and the " +
            $"namespace follows), or list a test-only folder in {nameof(TestFolderTests)} with its reason:{Environment.NewLine}" +
            string.Join(Environment.NewLine, strays));
    }

    [Fact]
    public void Every_listed_test_only_folder_exists_and_has_no_source_folder()
    {
        var root = ApprovedApi.RepositoryRoot();

        var stale = TestOnlyFolders.Keys.Where(folder =>
        {
            var project = folder[..folder.IndexOf('/', StringComparison.Ordinal)];
            var inPackage = folder[(project.Length + 1)..];
            return !Directory.Exists(Path.Combine(root, "tests", folder))
                || Directory.Exists(Path.Combine(root, "src", Packages[project], inPackage));
        }).ToList();

        Assert.Empty(stale);
    }

    /// <summary>Test files whose namespace is not their folder ("test project/path"), with the reason.</summary>
    private static readonly Dictionary<string, string> NamespaceExceptions = new(StringComparer.Ordinal)
    {
        ["DataGuard.EFCore.Tests/Subjects/StoreFactAttribute.cs"] =
            "the [StoreFact] of the linked DataGuard.Tests/Subjects/Requests/SubjectRequestLifecycleTests.cs: it shares that file's namespace",
    };

    [Fact]
    public void Every_test_file_has_the_namespace_of_its_folder()
    {
        var root = ApprovedApi.RepositoryRoot();

        var wrong = Directory.EnumerateDirectories(Path.Combine(root, "tests"))
            .Where(project => Directory.EnumerateFiles(project, "*.csproj").Any())
            .SelectMany(project => WrongNamespaces(root, Path.GetFileName(project)))
            .ToList();

        Assert.True(wrong.Count == 0,
            "Test files whose namespace is not their folder (the test project's name is the root, each folder adds a segment; " +
            $"docs/contributing.md):{Environment.NewLine}" + string.Join(Environment.NewLine, wrong));
    }

    [Theory]
    [InlineData("DataGuard.Tests/Consent/ConsentTests.cs", "namespace DataGuard.Tests.Consent;", true)]
    [InlineData("DataGuard.Tests/Consent/ConsentTests.cs", "namespace DataGuard.Tests;", false)]
    [InlineData("DataGuard.Tests/Subjects/Requests/X.cs", "using X;\nnamespace DataGuard.Tests.Subjects;", false)]
    [InlineData("DataGuard.Tests/Root.cs", "namespace DataGuard.Tests;", true)]
    public void A_test_file_namespace_matches_its_folder(string path, string text, bool matches)
        => Assert.Equal(matches, NamespaceOf(text) == ExpectedNamespace(path));

    private static IEnumerable<string> WrongNamespaces(string root, string project)
    {
        var projectFolder = Path.Combine(root, "tests", project);
        return Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Path.Combine(root, "tests"), file).Replace('\\', '/'))
            .Where(file => !IsBuildOutput(file[(project.Length + 1)..]))
            .Select(file => (File: file, Namespace: NamespaceOf(File.ReadAllText(Path.Combine(root, "tests", file))), Expected: ExpectedNamespace(file)))
            .Where(f => f.Namespace != f.Expected && !NamespaceExceptions.ContainsKey(f.File))
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .Select(f => $"    tests/{f.File}: {f.Namespace ?? "(none)"}, expected {f.Expected}");
    }

    private static string? NamespaceOf(string text)
        => Regex.Match(text, @"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;

    private static string ExpectedNamespace(string file)
        => Path.GetDirectoryName(file)!.Replace('\\', '/').Replace('/', '.');

    private static IEnumerable<string> Strays(string root, string project)
    {
        Assert.True(Packages.TryGetValue(project, out var package), $"tests/{project} has no package in {nameof(Packages)}.");
        var projectFolder = Path.Combine(root, "tests", project);
        return Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(projectFolder, Path.GetDirectoryName(file)!).Replace('\\', '/'))
            .Where(folder => folder != "." && !IsBuildOutput(folder))
            .Distinct(StringComparer.Ordinal)
            .Where(folder => !IsTestOnly(project + "/" + folder) && !Directory.Exists(Path.Combine(root, "src", package, folder)))
            .Order(StringComparer.Ordinal)
            .Select(folder => $"    tests/{project}/{folder} (no src/{package}/{folder})");
    }

    private static bool IsBuildOutput(string folder)
        => folder is "obj" or "bin" || folder.StartsWith("obj/", StringComparison.Ordinal) || folder.StartsWith("bin/", StringComparison.Ordinal);

    private static bool IsTestOnly(string folder)
        => TestOnlyFolders.Keys.Any(f => folder == f || folder.StartsWith(f + "/", StringComparison.Ordinal));
}
