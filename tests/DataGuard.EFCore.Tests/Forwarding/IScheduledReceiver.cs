namespace DataGuard.EFCore.Tests.Forwarding;

/// <summary>A test receiver that misbehaves on a schedule.</summary>
internal interface IScheduledReceiver : IAsyncDisposable
{
    ReceivedEntries Received { get; }

    /// <summary>Completes when the receiver holds a send without answering.</summary>
    Task Stalled { get; }

    bool IsDown { get; }

    /// <summary>Lets a stalled connection go once the sender gave up.</summary>
    void ReleaseStall();

    void Start();

    /// <summary>What happened, for a failure message.</summary>
    string Describe();
}
