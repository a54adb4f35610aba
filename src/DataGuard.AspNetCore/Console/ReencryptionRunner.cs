using DataGuard.Audit;
using DataGuard.Encryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGuard.AspNetCore.Console;

/// <summary>
/// Runs the re-encryption job in the background for the Keys page, one run at a time per console, and keeps its latest
/// progress and outcome for the page to show. The run opens its own service scope and is not tied to the request that
/// started it; the job itself is resumable, so a restart mid-run loses at most a batch.
/// </summary>
internal sealed class ReencryptionRunner
{
    private readonly Lock _gate = new();
    private Task? _running;

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running is { IsCompleted: false };
            }
        }
    }

    /// <summary>The last progress report: entity and rows done in the current pass.</summary>
    public ReencryptionProgress? Progress { get; private set; }

    public ReencryptionReport? LastReport { get; private set; }

    public string? LastFailure { get; private set; }

    /// <summary>Starts a run unless one is running; false when one is.</summary>
    public bool TryStart(IServiceScopeFactory scopes, string actor)
    {
        lock (_gate)
        {
            if (_running is { IsCompleted: false })
            {
                return false;
            }

            Progress = null;
            LastFailure = null;
            _running = Task.Run(() => RunAsync(scopes, actor));
            return true;
        }
    }

    private async Task RunAsync(IServiceScopeFactory scopes, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        using var audit = services.GetRequiredService<DataGuard.Audit.IAuditContext>().Begin(actor, ConsoleArea.KeysPurpose);
#pragma warning disable CA1031 // The failure is shown on the Keys page (type only) and logged; the job is resumable.
        try
        {
            LastReport = await services.GetRequiredService<IFieldReencryptor>()
                .RunAsync(new ProgressSink(this), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LastFailure = ex.GetType().Name;
            ConsoleLog.ReencryptionFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger("DataGuard.AspNetCore.PrivacyConsole"), ex);
        }
#pragma warning restore CA1031
    }

    /// <summary>Synchronous, so the page never shows an older report than the last committed batch.</summary>
    private sealed class ProgressSink(ReencryptionRunner runner) : IProgress<ReencryptionProgress>
    {
        public void Report(ReencryptionProgress value) => runner.Progress = value;
    }
}
