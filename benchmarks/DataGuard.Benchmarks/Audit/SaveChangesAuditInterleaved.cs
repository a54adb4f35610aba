using System.Diagnostics;
using System.Globalization;

namespace DataGuard.Benchmarks.Audit;

/// <summary>
/// The same measurement as <see cref="SaveChangesAuditBenchmarks"/>, interleaved in one process: each round saves
/// 1,000 modified customers with auditing off and on, alternating which goes first, so that background load on a
/// shared machine hits both sides alike. Reports wall time and, on Linux, the saving thread's CPU time (SQLite runs
/// in-process on that thread, so CPU time is the work without the waits a loaded machine adds; it leaves out the time
/// the commit waits for the disk) as minimum, first quartile and median, and their ratios.
/// </summary>
internal static class SaveChangesAuditInterleaved
{
    public static void Run(int rounds)
    {
        using var off = SaveChangesAuditBenchmarks.Seed(new AuditBenchHost(auditing: false, "sqlite"));
        using var on = SaveChangesAuditBenchmarks.Seed(new AuditBenchHost(auditing: true, "sqlite"));
        var offTimes = (Wall: new List<double>(), Cpu: new List<double>());
        var onTimes = (Wall: new List<double>(), Cpu: new List<double>());
        for (var round = 1; round <= rounds + 3; round++)
        {
            var offFirst = round % 2 == 0;
            var a = Save(offFirst ? off : on, round);
            var b = Save(offFirst ? on : off, round);
            if (round <= 3)
            {
                continue; // warm-up
            }

            var (offSample, onSample) = offFirst ? (a, b) : (b, a);
            offTimes.Wall.Add(offSample.Wall);
            offTimes.Cpu.Add(offSample.Cpu);
            onTimes.Wall.Add(onSample.Wall);
            onTimes.Cpu.Add(onSample.Cpu);
        }

        Report("wall", offTimes.Wall, onTimes.Wall);
        if (OperatingSystem.IsLinux())
        {
            Report("cpu ", offTimes.Cpu, onTimes.Cpu);
        }
    }

    private static void Report(string what, List<double> off, List<double> on)
    {
        off.Sort();
        on.Sort();
        static double Median(List<double> t) => t[t.Count / 2];
        static double Quartile(List<double> t) => t[t.Count / 4];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} rounds={off.Count} off: min {off[0]:F1} / p25 {Quartile(off):F1} / median {Median(off):F1} ms | on: min {on[0]:F1} / " +
            $"p25 {Quartile(on):F1} / median {Median(on):F1} ms | ratio min {on[0] / off[0]:F2}, p25 {Quartile(on) / Quartile(off):F2}, " +
            $"median {Median(on) / Median(off):F2}"));
    }

    private static (double Wall, double Cpu) Save(AuditBenchHost host, int round)
    {
        using var db = SaveChangesAuditBenchmarks.Load(host, round);
        var cpu = ThreadCpu.Milliseconds();
        var watch = Stopwatch.StartNew();
        db.SaveChanges();
        return (watch.Elapsed.TotalMilliseconds, ThreadCpu.Milliseconds() - cpu);
    }
}
