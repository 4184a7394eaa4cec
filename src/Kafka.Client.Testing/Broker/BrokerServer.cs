using System.Net;
using System.Net.Sockets;
using Kafka.Client.Testing.State;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Testing.Broker;

/// <summary>One broker: a loopback listener and its connections. Stopping it closes everything; starting it again reuses the port.</summary>
internal sealed class BrokerServer : IAsyncDisposable
{
    private readonly HashSet<BrokerConnection> _connections = [];
    private readonly Lock _sync = new();
    private Socket[]? _listeners;
    private Task[] _acceptLoops = [];
    private CancellationTokenSource? _stop;

    public BrokerServer(int id, ClusterState cluster, ApiRouter router, FaultInjector faults, ILogger logger)
    {
        Id = id;
        Cluster = cluster;
        Router = router;
        Faults = faults;
        Logger = logger;
    }

    public int Id { get; }

    public ClusterState Cluster { get; }

    public ApiRouter Router { get; }

    public FaultInjector Faults { get; }

    public ILogger Logger { get; }

    /// <summary>This broker's incremental fetch sessions (KIP-227).</summary>
    public FetchSessionCache FetchSessions { get; } = new();

    /// <summary>The port of the first listener.</summary>
    public int Port => Ports[0];

    /// <summary>The ports of the listeners, in the cluster's listener order (0 before the first start).</summary>
    public int[] Ports { get; private set; } = [];

    public bool IsRunning => _listeners is not null;

    /// <summary>Binds every listener (port 0 = any free port) and starts accepting.</summary>
    /// <param name="ports">A port per listener of the cluster, in order.</param>
    public void Start(IReadOnlyList<int> ports)
    {
        IReadOnlyList<Security.BrokerListener> listeners = Cluster.Listeners;
        var sockets = new Socket[listeners.Count];
        var bound = new int[listeners.Count];
        try
        {
            for (int i = 0; i < listeners.Count; i++)
            {
                IPAddress address = IPAddress.Parse(listeners[i].Host);
                sockets[i] = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                sockets[i].SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                sockets[i].Bind(new IPEndPoint(address, ports[i]));
                sockets[i].Listen(512);
                bound[i] = ((IPEndPoint)sockets[i].LocalEndPoint!).Port;
            }
        }
        catch
        {
            foreach (Socket? socket in sockets)
            {
                socket?.Dispose();
            }

            throw;
        }

        Ports = bound;
        _listeners = sockets;
        _stop = new CancellationTokenSource();
        _acceptLoops = new Task[sockets.Length];
        for (int i = 0; i < sockets.Length; i++)
        {
            Cluster.Broker(Id).SetPort(i, bound[i]);
            _acceptLoops[i] = AcceptAsync(sockets[i], i, _stop.Token);
            LogMessages.Listening(Logger, Id, listeners[i].Name + "://" + listeners[i].Host, bound[i]);
        }
    }

    private async Task AcceptAsync(Socket listener, int listenerIndex, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            var connection = new BrokerConnection(this, socket, listenerIndex);
            lock (_sync)
            {
                _connections.Add(connection);
            }

            _ = RunConnectionAsync(connection, cancellationToken);
        }
    }

    private async Task RunConnectionAsync(BrokerConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_sync)
            {
                _connections.Remove(connection);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The client connections open now, on every listener.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_sync)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Closes every client connection; the listener stays up, so clients reconnect.</summary>
    public async Task DropConnectionsAsync()
    {
        BrokerConnection[] connections;
        lock (_sync)
        {
            connections = [.. _connections];
        }

        foreach (BrokerConnection connection in connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops listening and closes every connection.</summary>
    public async Task StopAsync()
    {
        if (_listeners is null)
        {
            return;
        }

        _stop?.Cancel();
        foreach (Socket listener in _listeners)
        {
            listener.Dispose();
        }

        _listeners = null;
        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);

        await DropConnectionsAsync().ConfigureAwait(false);
        FetchSessions.Clear();
        _stop?.Dispose();
        _stop = null;
        LogMessages.Stopped(Logger, Id);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
