using System.Runtime.InteropServices;

namespace DataGuard.Benchmarks;

/// <summary>The calling thread's CPU time on Linux (0 elsewhere): the work a measurement did, without the time a loaded
/// machine made it wait.</summary>
internal static class ThreadCpu
{
    public static double Milliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        const int clockThreadCpuTimeId = 3;
        return ClockGetTime(clockThreadCpuTimeId, out var time) == 0 ? (time.Seconds * 1e3) + (time.Nanoseconds / 1e6) : 0;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
