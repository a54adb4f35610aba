namespace DataGuard.Benchmarks.Encryption;

/// <summary>The reads of <see cref="SubjectKeyReadBenchmarks"/> (warm cache) and <see cref="EfCoreEncryptionBenchmarks"/>,
/// each against its plain baseline, interleaved in one process (<see cref="Interleaved"/>).</summary>
internal static class EncryptedReadInterleaved
{
    public static void Run(int rounds)
    {
        var ring = new EfCoreEncryptionBenchmarks();
        ring.Setup();
        try
        {
            Interleaved.Measure("ring key, tracking        ", rounds, ring.ReadPlainTracking, ring.ReadEncryptedTracking);
            Interleaved.Measure("ring key, no tracking     ", rounds, ring.ReadPlainNoTracking, ring.ReadEncryptedNoTracking);
        }
        finally
        {
            ring.Cleanup();
        }

        var subject = new SubjectKeyReadBenchmarks();
        subject.Setup();
        try
        {
            Interleaved.Measure("subject keys, tracking    ", rounds, subject.ReadPlainTracking, subject.ReadSubjectKeysTracking);
            Interleaved.Measure("subject keys, no tracking ", rounds, subject.ReadPlainNoTracking, subject.ReadSubjectKeysNoTracking);
        }
        finally
        {
            subject.Cleanup();
        }
    }
}
