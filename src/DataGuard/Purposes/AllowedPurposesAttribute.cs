using DataGuard.Consent;

namespace DataGuard.Purposes;

/// <summary>
/// Lists the purposes allowed to use an entity's personal data. A purpose that is not listed is refused by
/// <see cref="IPurposeGuard"/> and inside a purpose scope (<see cref="IPurposeContext.Begin"/>), whatever categories it
/// declares. Without the attribute, the purposes' own declarations (<see cref="Purpose.Uses"/>) decide.
/// </summary>
/// <example><code>[AllowedPurposes("care", "billing")] public sealed class Patient { … }</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AllowedPurposesAttribute : Attribute
{
    /// <summary>Lists the allowed purposes.</summary>
    /// <param name="purposes">The purposes' names, as declared in <see cref="DataGuardOptions.Purposes"/>.</param>
    public AllowedPurposesAttribute(params string[] purposes) => Purposes = purposes ?? [];

    /// <summary>The allowed purposes' names.</summary>
    public IReadOnlyList<string> Purposes { get; }
}
