using BenchmarkDotNet.Attributes;
using DataGuard.Benchmarks.Encryption;
using DataGuard.Caching;
using DataGuard.Subjects;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGuard.Benchmarks.Caching;

/// <summary>A cache hit of a 1 KiB entry through DataGuard's encrypting decorator against the same hit on the plain
/// in-memory distributed cache (issue target: within 1.5x), and a subject's entry (two reads: epoch, then entry).</summary>
[MemoryDiagnoser]
public class EncryptedCacheBenchmarks
{
    private static readonly DistributedCacheEntryOptions Hour = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) };
    private readonly byte[] _value = new byte[1024];
    private ServiceProvider _services = null!;
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "Both caches are called through the interface, as applications " +
        "call them.")]
    private IDistributedCache _plain = null!;
    private IDistributedCache _encrypted = null!;
    private ISubjectCache _subjects = null!;
    private readonly SubjectId _subject = Guid.NewGuid();

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_value);
        _plain = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        _services = BenchmarkServices.Create(s =>
        {
            s.AddDistributedMemoryCache();
            s.AddDataGuard().AddEncryptedCache();
        });
        _encrypted = _services.GetRequiredService<IDistributedCache>();
        _subjects = _services.GetRequiredService<ISubjectCache>();
        _plain.Set("k", _value, Hour);
        _encrypted.Set("k", _value, Hour);
        _subjects.SetAsync(_subject, "k", _value, Hour).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public byte[]? PlainHit() => _plain.Get("k");

    [Benchmark]
    public byte[]? EncryptedHit() => _encrypted.Get("k");

    [Benchmark]
    public byte[]? SubjectEntryHit() => _subjects.GetAsync(_subject, "k").GetAwaiter().GetResult();
}
