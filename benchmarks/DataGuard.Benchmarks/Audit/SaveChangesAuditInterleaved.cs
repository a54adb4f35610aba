using System.Diagnostics;
using System.Globalization;

namespace DataGuard.Benchmarks.Audit;

/// <summary>
/// The same measurement as <see cref="SaveChangesAuditBenchmarks"/>, interleaved in one process: each round saves
/// 1,000 modified customers with auditing off and on, alternating which goes first, so that background load on a
/// shared machine hits both sides alike. Reports median and minimum wall time of the save alone and their ratios.
/// </summary>
internal static class SaveChangesAuditInterleaved
{
    public static void Run(int rounds)
    {
        using var off = SaveChangesAuditBenchmarks.Seed(new AuditBenchHost(auditing: false, "sqlite"));
        using var on = SaveChangesAuditBenchmarks.Seed(new AuditBenchHost(auditing: true, "sqlite"));
        var offTimes = new List<double>();
        var onTimes = new List<double>();
        for (var round = 1; round <= rounds + 3; round++)
        {
            var offFirst = round % 2 == 0;
            var a = Save(offFirst ? off : on, round);
            var b = Save(offFirst ? on : off, round);
            if (round <= 3)
            {
                continue; // warm-up
            }

            offTimes.Add(offFirst ? a : b);
            onTimes.Add(offFirst ? b : a);
        }

        offTimes.Sort();
        onTimes.Sort();
        static double Median(List<double> t) => t[t.Count / 2];
        static double Quartile(List<double> t) => t[t.Count / 4];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rounds={rounds} off: min {offTimes[0]:F1} / p25 {Quartile(offTimes):F1} / median {Median(offTimes):F1} ms | on: min {onTimes[0]:F1} / p25 {Quartile(onTimes):F1} / median {Median(onTimes):F1} ms | ratio min {onTimes[0] / offTimes[0]:F2}, p25 {Quartile(onTimes) / Quartile(offTimes):F2}, median {Median(onTimes) / Median(offTimes):F2}"));
    }

    private static double Save(AuditBenchHost host, int round)
    {
        using var db = SaveChangesAuditBenchmarks.Load(host, round);
        var watch = Stopwatch.StartNew();
        db.SaveChanges();
        return watch.Elapsed.TotalMilliseconds;
    }
}
