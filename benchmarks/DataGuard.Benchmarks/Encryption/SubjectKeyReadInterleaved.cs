using System.Diagnostics;
using System.Globalization;

namespace DataGuard.Benchmarks.Encryption;

/// <summary>
/// The same reads as <see cref="SubjectKeyReadBenchmarks"/> (warm cache), interleaved in one process: each round reads
/// the 10,000 rows plain and with subject keys, alternating which goes first, tracking and then no-tracking, so that
/// background load on a shared machine hits both sides alike. Reports the medians of wall time and of the reading
/// thread's CPU time (SQLite and decryption run on that thread), and their ratios.
/// </summary>
internal static class SubjectKeyReadInterleaved
{
    public static void Run(int rounds)
    {
        var benchmarks = new SubjectKeyReadBenchmarks();
        benchmarks.Setup();
        try
        {
            Measure("tracking   ", rounds, benchmarks.ReadPlainTracking, benchmarks.ReadSubjectKeysTracking);
            Measure("no tracking", rounds, benchmarks.ReadPlainNoTracking, benchmarks.ReadSubjectKeysNoTracking);
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static void Measure(string what, int rounds, Func<int> plain, Func<int> subjectKeys)
    {
        var plainTimes = (Wall: new List<double>(), Cpu: new List<double>());
        var keyTimes = (Wall: new List<double>(), Cpu: new List<double>());
        for (var round = 1; round <= rounds + 5; round++)
        {
            var plainFirst = round % 2 == 0;
            var a = Time(plainFirst ? plain : subjectKeys);
            var b = Time(plainFirst ? subjectKeys : plain);
            if (round <= 5)
            {
                continue; // warm-up, tiered JIT
            }

            var (p, k) = plainFirst ? (a, b) : (b, a);
            plainTimes.Wall.Add(p.Wall);
            plainTimes.Cpu.Add(p.Cpu);
            keyTimes.Wall.Add(k.Wall);
            keyTimes.Cpu.Add(k.Cpu);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what} rounds={rounds} wall: {Report(plainTimes.Wall, keyTimes.Wall)}"));
        if (OperatingSystem.IsLinux())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what} rounds={rounds} cpu : {Report(plainTimes.Cpu, keyTimes.Cpu)}"));
        }
    }

    private static string Report(List<double> plain, List<double> keys)
    {
        plain.Sort();
        keys.Sort();
        static double Median(List<double> t) => t[t.Count / 2];
        return string.Create(CultureInfo.InvariantCulture,
            $"plain median {Median(plain):F1} ms, subject keys median {Median(keys):F1} ms, ratio of medians {Median(keys) / Median(plain):F2} (of minima {keys[0] / plain[0]:F2})");
    }

    private static (double Wall, double Cpu) Time(Func<int> read)
    {
        var cpu = ThreadCpu.Milliseconds();
        var watch = Stopwatch.StartNew();
        read();
        return (watch.Elapsed.TotalMilliseconds, ThreadCpu.Milliseconds() - cpu);
    }
}
