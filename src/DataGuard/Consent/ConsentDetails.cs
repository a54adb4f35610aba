namespace DataGuard.Consent;

/// <summary>What the host knows about a grant, withdrawal, objection or restriction, stored on the
/// <see cref="ConsentRecord"/> as proof.</summary>
public sealed class ConsentDetails
{
    /// <summary>Where it came from, for example <see cref="ConsentSources.WebForm"/>; at most 100 characters.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Proof in free text or JSON (form id, the wording shown, a hashed address). Never required, never logged. Do not
    /// put raw IP addresses here: use <see cref="ConsentEvidence.Hash(string, ReadOnlySpan{byte})"/>.
    /// </summary>
    public string? Evidence { get; init; }

    /// <summary>Who recorded it (the subject, an agent's id, an import job); at most 200 characters. Defaults to the
    /// actor of the current audit context (in ASP.NET Core, the signed-in user, see <c>app.UseDataGuard()</c>).</summary>
    public string? Actor { get; init; }

    /// <summary>For grants: the notice version the subject saw. Defaults to the purpose's current
    /// <see cref="DataGuard.Consent.Purpose.NoticeVersion"/>.</summary>
    public string? NoticeVersion { get; init; }

    /// <summary>For grants: when the consent stops counting. Defaults to now plus the purpose's
    /// <see cref="DataGuard.Consent.Purpose.DefaultExpiry"/>, or never when that is not set.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
