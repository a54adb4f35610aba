using Microsoft.Extensions.Options;

namespace DataGuard.DependencyInjection;

/// <summary>
/// Turns the failures of a source-generated options validator (<c>[OptionsValidator]</c>, from the options' data
/// annotations) into DataGuard's style: each names its setting as the hand-written checks do, by its dotted name or
/// by its configuration path when the options were bound from configuration (<see cref="DataGuardOptions.Setting"/>).
/// </summary>
internal static class OptionsAttributeFailures
{
    /// <summary>
    /// Adds the failures of <paramref name="result"/>. The generator writes <c>Member: The field Root.Section.Member must
    /// be …</c>, where <c>Root</c> is the name it was called with (<paramref name="root"/>); this keeps the sentence, with
    /// <c>Section.Member</c> named by <paramref name="setting"/>.
    /// </summary>
    public static void Add(List<string> failures, ValidateOptionsResult result, string root, Func<string, string> setting)
    {
        if (!result.Failed || result.Failures is null)
        {
            return;
        }

        foreach (var failure in result.Failures)
        {
            failures.Add(Rename(failure, root + ".", setting));
        }
    }

    private static string Rename(string failure, string root, Func<string, string> setting)
    {
        var text = failure;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && !text.AsSpan(0, colon).Contains(' '))
        {
            text = text[(colon + 2)..];
        }

        const string theField = "The field ";
        if (text.StartsWith(theField, StringComparison.Ordinal))
        {
            text = text[theField.Length..];
        }

        var start = text.IndexOf(root, StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var end = text.IndexOf(' ', start);
        end = end < 0 ? text.Length : end;
        return string.Concat(text.AsSpan(0, start), setting(text[(start + root.Length)..end]), text.AsSpan(end));
    }
}
