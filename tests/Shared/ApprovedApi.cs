using System.Reflection;
using System.Text;
using PublicApiGenerator;

namespace DataGuard.Testing;

/// <summary>
/// Compares an assembly's public surface with the checked-in approved file next to the test. A difference fails with
/// a diff and writes <c>*.received.txt</c> beside the approved file; copy it over the approved file once the change is
/// intended (or run the tests with DATAGUARD_APPROVE_API=1).
/// </summary>
internal static class ApprovedApi
{
    public static void Verify(Assembly assembly, string testFolder)
    {
        // The integration packages put their entry points in Microsoft.* namespaces (as Microsoft's own extensions do),
        // which PublicApiGenerator skips unless they are allowed explicitly.
        var options = new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
            AllowNamespacePrefixes = ["Microsoft.EntityFrameworkCore", "Microsoft.Extensions.DependencyInjection", "Microsoft.AspNetCore"],
        };
        var received = Normalize(assembly.GeneratePublicApi(options));
        var folder = Path.Combine(RepositoryRoot(), testFolder);
        var approvedPath = Path.Combine(folder, assembly.GetName().Name + ".approved.txt");
        var receivedPath = Path.Combine(folder, assembly.GetName().Name + ".received.txt");
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : "";

        if (received == approved)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable("DATAGUARD_APPROVE_API") == "1")
        {
            File.WriteAllText(approvedPath, received);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail($"The public API of {assembly.GetName().Name} differs from {Path.GetRelativePath(RepositoryRoot(), approvedPath)}.{Environment.NewLine}" +
                    $"Review the change; if it is intended, copy {Path.GetFileName(receivedPath)} over the approved file.{Environment.NewLine}" +
                    $"{Diff(approved, received)}");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DataGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DataGuard.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    /// <summary>A line diff: lines only in the approved file with '-', only in the received one with '+'.</summary>
    internal static string Diff(string approved, string received)
    {
        var before = approved.Split('\n');
        var after = received.Split('\n');
        var lcs = new int[before.Length + 1, after.Length + 1];
        for (var i = before.Length - 1; i >= 0; i--)
        {
            for (var j = after.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = before[i] == after[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var diff = new StringBuilder();
        int a = 0, b = 0;
        while (a < before.Length || b < after.Length)
        {
            if (a < before.Length && b < after.Length && before[a] == after[b])
            {
                a++;
                b++;
            }
            else if (a < before.Length && (b == after.Length || lcs[a + 1, b] >= lcs[a, b + 1]))
            {
                diff.Append("- ").AppendLine(before[a++]);
            }
            else
            {
                diff.Append("+ ").AppendLine(after[b++]);
            }
        }

        return diff.ToString();
    }
}
