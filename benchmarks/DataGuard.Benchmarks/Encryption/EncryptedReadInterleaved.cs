namespace DataGuard.Benchmarks.Encryption;

/// <summary>The reads of <see cref="EfCoreEncryptionBenchmarks"/> and <see cref="SubjectKeyReadBenchmarks"/> (warm
/// cache), each against its plain baseline, interleaved in one process (<see cref="Interleaved"/>).</summary>
internal static class EncryptedReadInterleaved
{
    public static void Run(int rounds)
    {
        var ring = new EfCoreEncryptionBenchmarks();
        Measure(
            ring.Setup,
            ring.Cleanup,
            "ring key",
            rounds,
            (ring.ReadPlainTracking, ring.ReadEncryptedTracking),
            (ring.ReadPlainNoTracking, ring.ReadEncryptedNoTracking));
        var subject = new SubjectKeyReadBenchmarks();
        Measure(
            subject.Setup,
            subject.Cleanup,
            "subject keys",
            rounds,
            (subject.ReadPlainTracking, subject.ReadSubjectKeysTracking),
            (subject.ReadPlainNoTracking, subject.ReadSubjectKeysNoTracking));
    }

    private static void Measure(
        Action setup,
        Action cleanup,
        string label,
        int rounds,
        (Func<int> Plain, Func<int> Encrypted) tracking,
        (Func<int> Plain, Func<int> Encrypted) noTracking)
    {
        setup();
        try
        {
            Interleaved.Measure($"{label}, tracking", rounds, tracking.Plain, tracking.Encrypted);
            Interleaved.Measure($"{label}, no tracking", rounds, noTracking.Plain, noTracking.Encrypted);
        }
        finally
        {
            cleanup();
        }
    }
}
