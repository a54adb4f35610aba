using DataGuard.Masking;

namespace DataGuard.Tests.Masking;

/// <summary>Fixed test keys and maskers built from them. The keys are test data, never used outside tests.</summary>
internal static class TestMasking
{
    public static byte[] KeyBytes(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)(seed + (i * 7)))];

    public static string Base64Key(byte seed = 1) => Convert.ToBase64String(KeyBytes(seed));

    public static IPseudonymKeyProvider Keys(string keyId = "t1", byte seed = 1) => new StaticPseudonymKeyProvider(new PseudonymKey(keyId, KeyBytes(seed)));

    public static DataMasker Masker(Action<MaskingOptions>? configure = null, IPseudonymKeyProvider? keys = null)
    {
        var options = new MaskingOptions();
        configure?.Invoke(options);
        return new DataMasker(options, keys ?? Keys());
    }
}
