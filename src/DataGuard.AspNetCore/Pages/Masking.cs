namespace DataGuard.AspNetCore.Pages;

/// <summary>How the pages show identifiers and values to users without the reveal permission.</summary>
internal static class Masking
{
    /// <summary>Enough of an id to tell rows apart on a page, not enough to look the subject up elsewhere.</summary>
    public static string SubjectText(string? subjectId, bool reveal)
    {
        if (string.IsNullOrEmpty(subjectId))
        {
            return "—";
        }

        if (reveal)
        {
            return subjectId;
        }

        return subjectId.Length <= 4 ? "••••" : string.Concat(subjectId.AsSpan(0, 4), "••••");
    }
}
