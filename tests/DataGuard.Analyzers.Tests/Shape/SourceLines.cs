namespace DataGuard.Analyzers.Tests.Shape;

/// <summary>
/// Finds C# lines longer than the project's limit (<c>max_line_length</c> in .editorconfig, docs/contributing.md),
/// counted in characters as an editor shows them, not in UTF-8 bytes.
/// </summary>
internal static class SourceLines
{
    public const int MaxLength = 160;

    /// <summary>Every line over <see cref="MaxLength"/> in the .cs files under <paramref name="folder"/> (obj/ and bin/
    /// skipped), as <c>folder/…/X.cs:line (length)</c>.</summary>
    public static IReadOnlyList<string> TooLong(string repositoryRoot, string folder)
    {
        var found = new List<string>();
        var root = Path.Combine(repositoryRoot, folder);
        foreach (var path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            TooLong(relative, File.ReadAllText(path), found);
        }

        return found;
    }

    public static void TooLong(string name, string text, List<string> found)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var length = lines[i].TrimEnd('\r').Length;
            if (length > MaxLength)
            {
                found.Add($"{name}:{i + 1} ({length})");
            }
        }
    }
}
