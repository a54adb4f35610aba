namespace DataGuard.Pkcs11;

/// <summary>A wrapper's options as read once when it was created (the options object is mutable).</summary>
internal sealed record Pkcs11Settings(
    string LibraryPath,
    string? TokenLabel,
    ulong? SlotId,
    string Pin,
    string KeyLabel,
    IReadOnlyList<string> PreviousKeyLabels,
    string? Tenant,
    int MaxIdleSessions)
{
    /// <summary>How messages name the token: its label, or its slot.</summary>
    public string TokenName => TokenLabel ?? $"slot {SlotId}";

    /// <summary>How messages name the tenant.</summary>
    public string TenantName => Tenant is null ? "no tenant set" : $"tenant '{Tenant}'";

    public static Pkcs11Settings From(Pkcs11KeyWrapperOptions options) => new(
        options.LibraryPath,
        string.IsNullOrEmpty(options.TokenLabel) ? null : options.TokenLabel,
        options.SlotId,
        options.Pin,
        options.KeyLabel,
        [.. options.PreviousKeyLabels],
        string.IsNullOrEmpty(options.Tenant) ? null : options.Tenant,
        options.MaxIdleSessions);

    /// <summary>Whether a wrapped key naming <paramref name="label"/> may be unwrapped by this wrapper.</summary>
    public bool Knows(string label) => label == KeyLabel || PreviousKeyLabels.Contains(label, StringComparer.Ordinal);
}
