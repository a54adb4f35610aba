using System.Globalization;
using BenchmarkDotNet.Running;
using DataGuard.Benchmarks.Encryption;

if (args is ["reencrypt", var rows])
{
    // Throughput and memory of the re-encryption job: a single long run per size, not a BenchmarkDotNet benchmark.
    await ReencryptionThroughput.RunAsync(int.Parse(rows, CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
