namespace DataGuard.Consent;

/// <summary>Well-known values for <see cref="ConsentDetails.Source"/>; any other short text works too.</summary>
public static class ConsentSources
{
    /// <summary>A form the subject filled in on a web page or in an app.</summary>
    public const string WebForm = "web-form";

    /// <summary>A call to the application's API, for example DataGuard's consent endpoints.</summary>
    public const string Api = "api";

    /// <summary>Records imported from another system.</summary>
    public const string Import = "import";

    /// <summary>A support agent acting on the subject's request.</summary>
    public const string Support = "support";
}
