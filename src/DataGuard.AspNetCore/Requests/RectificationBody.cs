namespace DataGuard.AspNetCore.Requests;

/// <summary>The JSON body of <c>POST {prefix}/me/rectification</c>: which personal property to correct and the corrected
/// value.</summary>
internal sealed record RectificationBody(string? Entity, string? Property, string? Value, string? Note)
{
    /// <summary>Names the field only: the corrected value and the note are personal data and must not reach a log.</summary>
    /// <returns>"Rectification of Entity.Property".</returns>
    public override string ToString() => $"Rectification of {Entity}.{Property}";
}
