using System.Globalization;

namespace DataGuard.Benchmarks.Purposes;

/// <summary>The reads of <see cref="PurposeScopeReadBenchmarks"/> (warm and cold consent, 1 and 10 subjects) against the
/// read outside a scope, interleaved in one process (<see cref="Interleaved"/>), with the bytes each read inside a scope
/// allocates per entity beyond the read outside one.</summary>
internal static class PurposeScopeReadInterleaved
{
    public static void Run(int rounds)
    {
        foreach (var subjects in (int[])[1, 10])
        {
            var bench = new PurposeScopeReadBenchmarks { Subjects = subjects };
            bench.Setup();
            try
            {
                Interleaved.Measure($"two AsyncLocals, {subjects} subject(s)", rounds, bench.WithoutScope, bench.WithoutScopeTwoAsyncLocals);
                Interleaved.Measure($"purpose scope, {subjects} subject(s), warm", rounds, bench.WithoutScope, bench.InsidePurposeScope);
                Interleaved.Measure($"purpose scope, {subjects} subject(s), cold", rounds, bench.WithoutScope, bench.InsidePurposeScopeColdConsent);
                var without = Allocated(bench.WithoutScope);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"purpose scope, {subjects} subject(s): allocated per read {without:N0} B outside; per entity beyond it: "
                    + $"two AsyncLocals {(Allocated(bench.WithoutScopeTwoAsyncLocals) - without) / (double)PurposeScopeReadBenchmarks.Rows:F1} B, "
                    + $"warm {(Allocated(bench.InsidePurposeScope) - without) / (double)PurposeScopeReadBenchmarks.Rows:F1} B, "
                    + $"cold {(Allocated(bench.InsidePurposeScopeColdConsent) - without) / (double)PurposeScopeReadBenchmarks.Rows:F1} B"));
            }
            finally
            {
                bench.Cleanup();
            }
        }
    }

    /// <summary>The bytes one read allocates on this thread: the minimum of several reads, so a one-off (a JIT, a pool
    /// growing) does not count.</summary>
    private static long Allocated(Func<int> read)
    {
        var least = long.MaxValue;
        for (var i = 0; i < 20; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            read();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
