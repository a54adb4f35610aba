using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DataGuard.AspNetCore.Pages;
using DataGuard.Masking;
using DataGuard.Masking.Redaction;
using DataGuard.Model;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Options;

namespace DataGuard.Benchmarks.Masking;

/// <summary>
/// Each masking strategy's span path on a 32-character e-mail address and a 16-digit card number, against
/// Microsoft.Extensions.Compliance's redactors in the same run: erase and the shape-keeping masks against
/// <see cref="ErasingRedactor"/>, pseudonym against <see cref="HmacRedactor"/> (HMAC-SHA256 too).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MaskingBenchmarks
{
    private readonly char[] _destination = new char[128];
    private DataMasker _masker = null!;
    private IMasker _erase = null!;
    private IMasker _partial = null!;
    private IMasker _email = null!;
    private IMasker _last4 = null!;
    private IMasker _pseudonym = null!;
    private IMasker _null = null!;
    private Redactor _hmac = null!;
    private Redactor _erasing = null!;
    private Redactor _eraseRedactor = null!;
    private Redactor _pseudonymRedactor = null!;
    private string _value = "";

    [Params("email", "card")]
    public string Input { get; set; } = "email";

    [GlobalSetup]
    public void Setup()
    {
        _value = Input == "email" ? "ana.maria.silva.1990@example.com" : "4111111111111111";
        var key = new byte[32];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(i * 7);
        }

        _masker = new DataMasker(new MaskingOptions(), new StaticPseudonymKeyProvider(new PseudonymKey("b1", key)));
        _erase = _masker.GetMasker(MaskStyle.Erase);
        _partial = _masker.GetMasker(MaskStyle.Partial);
        _email = _masker.GetMasker(MaskStyle.Email);
        _last4 = _masker.GetMasker(MaskStyle.Last4);
        _pseudonym = _masker.GetMasker(MaskStyle.Pseudonym);
        _null = _masker.GetMasker(MaskStyle.Null);
        // Redactors are held as Redactor, the way IRedactorProvider hands them to the logging pipeline.
        _hmac = new HmacRedactor(Options.Create(new HmacRedactorOptions { Key = Convert.ToBase64String(key), KeyId = 1 }));
        _erasing = ErasingRedactor.Instance;
        _eraseRedactor = new EraseRedactor(_masker);
        _pseudonymRedactor = new PseudonymRedactor(_masker);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Erase and shape")]
    public int ErasingRedactorBaseline() => _erasing.Redact(_value.AsSpan(), _destination);

    [Benchmark, BenchmarkCategory("Erase and shape")]
    public int Erase() => Mask(_erase);

    [Benchmark, BenchmarkCategory("Erase and shape")]
    public int EraseAsRedactor() => _eraseRedactor.Redact(_value.AsSpan(), _destination);

    [Benchmark, BenchmarkCategory("Erase and shape")]
    public int Null() => Mask(_null);

    [Benchmark, BenchmarkCategory("Erase and shape")]
    public int Partial() => Mask(_partial);

    [Benchmark, BenchmarkCategory("Erase and shape")]
    public int Email() => Mask(_email);

    [Benchmark, BenchmarkCategory("Erase and shape")]
    public int Last4() => Mask(_last4);

    [Benchmark(Baseline = true), BenchmarkCategory("Pseudonym")]
    public int HmacRedactorBaseline() => _hmac.Redact(_value.AsSpan(), _destination);

    [Benchmark, BenchmarkCategory("Pseudonym")]
    public int Pseudonym() => Mask(_pseudonym);

    [Benchmark, BenchmarkCategory("Pseudonym")]
    public int PseudonymAsRedactor() => _pseudonymRedactor.Redact(_value.AsSpan(), _destination);

    private int Mask(IMasker masker)
    {
        masker.TryMask(_value, _destination, out var written);
        return written;
    }
}
