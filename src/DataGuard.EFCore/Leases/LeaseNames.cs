namespace DataGuard.EFCore.Leases;

/// <summary>The names written to lease rows, cut to the column's length in one place: a job's lease name
/// (<c>prefix:job</c>, its end cut) and an instance's holder name (its start cut, so that the unique end stays).</summary>
internal static class LeaseNames
{
    /// <summary>A new holder name for one service instance: unique per instance, so two hosts in one process differ too.</summary>
    public static string NewHolder()
    {
        var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return holder.Length > DatabaseLease.MaxNameLength ? holder[^DatabaseLease.MaxNameLength..] : holder;
    }

    /// <summary>The lease name of one job: <paramref name="prefix"/>, a colon and <paramref name="job"/>.</summary>
    public static string For(string prefix, string job)
    {
        var name = prefix + ":" + job;
        return name.Length > DatabaseLease.MaxNameLength ? name[..DatabaseLease.MaxNameLength] : name;
    }
}
