namespace DataGuard.AspNetCore.Console;

/// <summary>
/// How <c>MapPrivacyConsole</c> authorizes and lays out the officers' console. The policies are the host's own
/// ASP.NET Core authorization policies, named here; they must be registered with <c>AddAuthorization</c>, which is
/// checked when the console is mapped.
/// </summary>
public sealed class PrivacyConsoleOptions
{
    /// <summary>The policy a user must pass to open any console page (read-only: the request inbox, the audit trail,
    /// consent ledgers, retention previews, the key ring, the data map). Defaults to "privacy-viewer".</summary>
    public string ViewerPolicy { get; set; } = "privacy-viewer";

    /// <summary>The policy a user must pass, in addition to <see cref="ViewerPolicy"/>, to act: verify, approve, extend,
    /// reject and fulfil requests, run retention, place and release holds, rotate keys and retire them. Defaults to
    /// "privacy-operator".</summary>
    public string OperatorPolicy { get; set; } = "privacy-operator";

    /// <summary>The policy a user must pass to see subject ids unmasked on the console's pages; without it they are
    /// shown by their first characters only. <see langword="null"/> (the default) reveals them to nobody.</summary>
    public string? RevealPolicy { get; set; }

    /// <summary>Requests whose deadline is nearer than this are marked as due soon in the inbox. Defaults to 3 days.</summary>
    public TimeSpan DueSoonWithin { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Rows per page of the request inbox and the audit trail, 1 to 1000. Defaults to 50.</summary>
    public int PageSize { get; set; } = 50;
}
