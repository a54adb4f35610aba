using System.Net;
using System.Net.Sockets;

namespace DataGuard.EFCore.Tests.Forwarding;

/// <summary>
/// What the syslog and webhook receivers share: a TCP listener on a free port of 127.0.0.1 that can go down and come
/// back on the same port, a schedule of behaviours (the default, <c>Accept</c>, once it runs out), the stall signal, and
/// the open connections, reset when the receiver crashes or is disposed.
/// </summary>
internal abstract class LoopbackReceiver<TBehavior> : IScheduledReceiver
    where TBehavior : struct, Enum
{
    private readonly Queue<TBehavior> _schedule;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Picks the port; the derived receiver calls <see cref="Start"/> once it is ready to serve.</summary>
    protected LoopbackReceiver(IEnumerable<TBehavior> schedule)
    {
        _schedule = new Queue<TBehavior>(schedule);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public ReceivedEntries Received { get; } = new();

    public bool IsDown
    {
        get
        {
            lock (Gate)
            {
                return _listener is null;
            }
        }
    }

    /// <summary>Completes when a send is being stalled (the test then moves the clock past the send timeout).</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>The lock of the receiver's state.</summary>
    protected object Gate { get; } = new();

    public void Start()
    {
        lock (Gate)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    public abstract void ReleaseStall();

    public abstract string Describe();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        StopListening(resetConnections: true);
        _stopping.Dispose();
    }

    /// <summary>Serves one connection; I/O errors of a connection the sender or the receiver broke end it quietly.</summary>
    protected abstract Task ServeAsync(TcpClient client);

    /// <summary>The next behaviour of the schedule.</summary>
    protected TBehavior Next()
    {
        lock (Gate)
        {
            return _schedule.Count > 0 ? _schedule.Dequeue() : default;
        }
    }

    protected void SignalStalled() => _stalled.TrySetResult();

    protected void ResetStalled() => _stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stops the listener until <see cref="Start"/>; with <paramref name="resetConnections"/>, also resets the
    /// open connections, as a crashed process would.</summary>
    protected void StopListening(bool resetConnections)
    {
        lock (Gate)
        {
            _listener?.Stop();
            _listener = null;
            if (!resetConnections)
            {
                return;
            }

            foreach (var connection in _connections)
            {
                if (connection.Client is { } socket)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            lock (Gate)
            {
                _connections.Add(client);
            }

            _ = ServeConnectionAsync(client);
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        try
        {
            await ServeAsync(client);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (Gate)
            {
                _connections.Remove(client);
            }

            client.Dispose();
        }
    }
}
