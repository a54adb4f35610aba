namespace DataGuard.Pkcs11;

/// <summary>A wrapper's options as read once when it was created (the options object is mutable).</summary>
internal sealed class Pkcs11Settings
{
    private Pkcs11Settings(Pkcs11KeyWrapperOptions options)
    {
        LibraryPath = options.LibraryPath;
        TokenLabel = string.IsNullOrEmpty(options.TokenLabel) ? null : options.TokenLabel;
        SlotId = options.SlotId;
        Pin = options.Pin;
        KeyLabel = options.KeyLabel;
        PreviousKeyLabels = [.. options.PreviousKeyLabels];
        Tenant = string.IsNullOrEmpty(options.Tenant) ? null : options.Tenant;
        MaxIdleSessions = options.MaxIdleSessions;
    }

    public string LibraryPath { get; }

    public string? TokenLabel { get; }

    public ulong? SlotId { get; }

    public string Pin { get; }

    public string KeyLabel { get; }

    public IReadOnlyList<string> PreviousKeyLabels { get; }

    public string? Tenant { get; }

    public int MaxIdleSessions { get; }

    /// <summary>How messages name the token: its label, or its slot.</summary>
    public string TokenName => TokenLabel ?? $"slot {SlotId}";

    /// <summary>How messages name the tenant.</summary>
    public string TenantName => Tenant is null ? "no tenant set" : $"tenant '{Tenant}'";

    public static Pkcs11Settings From(Pkcs11KeyWrapperOptions options) => new(options);

    /// <summary>Whether a wrapped key naming <paramref name="label"/> may be unwrapped by this wrapper.</summary>
    public bool Knows(string label) => label == KeyLabel || PreviousKeyLabels.Contains(label, StringComparer.Ordinal);
}
