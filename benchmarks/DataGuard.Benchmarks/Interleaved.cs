using System.Diagnostics;
using System.Globalization;

namespace DataGuard.Benchmarks;

/// <summary>
/// Measures a baseline and a candidate interleaved in one process, alternating which goes first each round, so that
/// background load on a shared machine hits both alike. Reports the medians of wall time and of the calling thread's
/// CPU time (in-process databases and the cipher run on that thread), and their ratios.
/// </summary>
internal static class Interleaved
{
    public static void Measure(string label, int rounds, Func<int> baseline, Func<int> candidate, int warmup = 5)
    {
        var baseTimes = (Wall: new List<double>(), Cpu: new List<double>());
        var candidateTimes = (Wall: new List<double>(), Cpu: new List<double>());
        for (var round = 1; round <= rounds + warmup; round++)
        {
            var baseFirst = round % 2 == 0;
            var a = Time(baseFirst ? baseline : candidate);
            var b = Time(baseFirst ? candidate : baseline);
            if (round <= warmup)
            {
                continue; // tiered JIT, caches
            }

            var (x, y) = baseFirst ? (a, b) : (b, a);
            baseTimes.Wall.Add(x.Wall);
            baseTimes.Cpu.Add(x.Cpu);
            candidateTimes.Wall.Add(y.Wall);
            candidateTimes.Cpu.Add(y.Cpu);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} rounds={rounds} wall: {Report(baseTimes.Wall, candidateTimes.Wall)}"));
        if (OperatingSystem.IsLinux())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} rounds={rounds} cpu : {Report(baseTimes.Cpu, candidateTimes.Cpu)}"));
        }
    }

    private static string Report(List<double> baseline, List<double> candidate)
    {
        baseline.Sort();
        candidate.Sort();
        static double Median(List<double> t) => t[t.Count / 2];
        return string.Create(CultureInfo.InvariantCulture,
            $"baseline median {Median(baseline):F2} ms, candidate median {Median(candidate):F2} ms, ratio of " +
            $"medians {Median(candidate) / Median(baseline):F2} (of minima {candidate[0] / baseline[0]:F2})");
    }

    private static (double Wall, double Cpu) Time(Func<int> work)
    {
        var cpu = ThreadCpu.Milliseconds();
        var watch = Stopwatch.StartNew();
        work();
        return (watch.Elapsed.TotalMilliseconds, ThreadCpu.Milliseconds() - cpu);
    }
}
