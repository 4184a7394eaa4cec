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
    private Socket? _listener;
    private Task? _acceptLoop;
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

    public int Port { get; private set; }

    public string ListenHost => Cluster.Options.Host;

    public bool IsRunning => _listener is not null;

    /// <summary>Binds the listener (port 0 = any free port) and starts accepting.</summary>
    public void Start(int port)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Parse(ListenHost), port));
        listener.Listen(512);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        Cluster.Broker(Id).Port = Port;
        _listener = listener;
        _stop = new CancellationTokenSource();
        _acceptLoop = AcceptAsync(listener, _stop.Token);
        LogMessages.Listening(Logger, Id, ListenHost, Port);
    }

    private async Task AcceptAsync(Socket listener, CancellationToken cancellationToken)
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
            var connection = new BrokerConnection(this, socket);
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
        if (_listener is null)
        {
            return;
        }

        _stop?.Cancel();
        _listener.Dispose();
        _listener = null;
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        await DropConnectionsAsync().ConfigureAwait(false);
        FetchSessions.Clear();
        _stop?.Dispose();
        _stop = null;
        LogMessages.Stopped(Logger, Id);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
