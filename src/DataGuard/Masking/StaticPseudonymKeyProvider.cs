namespace DataGuard.Masking;

/// <summary>Serves one fixed key (from <see cref="MaskingOptions"/>, or a test key), disposed with the container.</summary>
internal sealed class StaticPseudonymKeyProvider(PseudonymKey key) : IPseudonymKeyProvider, IDisposable
{
    public PseudonymKey Current { get; } = key;

    public void Dispose() => Current.Dispose();
}
