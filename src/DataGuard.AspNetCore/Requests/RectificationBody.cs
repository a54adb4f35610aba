namespace DataGuard.AspNetCore;

/// <summary>The JSON body of <c>POST {prefix}/me/rectification</c>: which personal property to correct and the corrected
/// value.</summary>
internal sealed record RectificationBody(string? Entity, string? Property, string? Value, string? Note);
