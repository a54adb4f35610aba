using System.Diagnostics;
using System.Globalization;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// Repeats one read of <see cref="SubjectKeyReadBenchmarks"/> or <see cref="EfCoreEncryptionBenchmarks"/> for a number
/// of seconds, so that a sampling profiler can be attached to the process (benchmarks/README.md, Fourth round). Command:
/// <c>DOTNET_PerfMapEnabled=1 dotnet run -c Release --project benchmarks/DataGuard.Benchmarks -- read-profile
/// subject-notracking 30</c>, then <c>perf record -g -p &lt;pid&gt;</c>. Reads: subject-notracking, subject-tracking,
/// ring-notracking, ring-tracking, plain-notracking.
/// </summary>
internal static class SubjectKeyReadProfile
{
    public static void Run(string read, int seconds)
    {
        var subject = new SubjectKeyReadBenchmarks();
        var ring = new EfCoreEncryptionBenchmarks();
        subject.Setup();
        ring.Setup();
        try
        {
            Func<int> work = read switch
            {
                "subject-notracking" => subject.ReadSubjectKeysNoTracking,
                "subject-tracking" => subject.ReadSubjectKeysTracking,
                "ring-notracking" => ring.ReadEncryptedNoTracking,
                "ring-tracking" => ring.ReadEncryptedTracking,
                "plain-notracking" => subject.ReadPlainNoTracking,
                _ => throw new ArgumentException($"Unknown read '{read}'.", nameof(read)),
            };
            for (var i = 0; i < 20; i++)
            {
                work(); // tiered JIT
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}: {read} for {seconds} s"));
            var watch = Stopwatch.StartNew();
            var reads = 0;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                work();
                reads++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{reads} reads, {watch.Elapsed.TotalMilliseconds / reads:F2} ms each (wall)"));
        }
        finally
        {
            ring.Cleanup();
            subject.Cleanup();
        }
    }
}
