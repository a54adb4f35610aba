namespace DataGuard.Model;

/// <summary>How a personal value is shown where it must not appear in clear (logs, responses, <c>ToString</c>).</summary>
public enum MaskStyle
{
    /// <summary>The default of the field's <see cref="PersonalCategory"/>.</summary>
    Default = 0,
    /// <summary>Replaced by a fixed placeholder that reveals nothing, not even the length.</summary>
    Erase,
    /// <summary>Keeps a few first and last characters.</summary>
    Partial,
    /// <summary>Keeps the first character of the local part and the domain: <c>a***@example.com</c>.</summary>
    Email,
    /// <summary>Keeps the last four digits and the separators (cards, IBANs, phone numbers).</summary>
    Last4,
    /// <summary>A stable keyed pseudonym (HMAC-SHA256) that can be correlated but not reversed.</summary>
    Pseudonym,
    /// <summary>Replaced by null (omitted).</summary>
    Null,
}
