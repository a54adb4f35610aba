using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataGuard.EFCore.Tests.Retention;

/// <summary>Runs an application's retention job (<c>AddRetentionJob()</c>) once, as the host would start it.</summary>
internal static class RetentionJobRun
{
    /// <summary>Starts the job, waits for the line it logs at the end of its first run (every such line says "retention
    /// job": ran, changed nothing, failed), and stops it.</summary>
    /// <returns>The log lines up to that one.</returns>
    public static async Task<List<string>> OnceAsync(IServiceProvider services, ChannelReader<string> log)
    {
        var job = Assert.Single(services.GetServices<IHostedService>(), static s => s.GetType().Name == "RetentionBackgroundService");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var lines = new List<string>();
        await job.StartAsync(timeout.Token);
        string line;
        do
        {
            line = await log.ReadAsync(timeout.Token);
            lines.Add(line);
        }
        while (!line.Contains("retention job", StringComparison.Ordinal));
        await job.StopAsync(timeout.Token);
        return lines;
    }
}
