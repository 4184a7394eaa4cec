namespace Kafka.Client.Testing.State;

/// <summary>A broker as the cluster's metadata knows it: its advertised host and port on each listener.</summary>
internal sealed class BrokerNode(int id, IReadOnlyList<string> hosts)
{
    private readonly int[] _ports = new int[hosts.Count];

    public int Id { get; } = id;

    /// <summary>The advertised host of the first listener.</summary>
    public string Host => hosts[0];

    /// <summary>The port of the first listener.</summary>
    public int Port => _ports[0];

    public volatile bool Alive;

    /// <summary>The advertised host on listener <paramref name="listener"/> (an index into the cluster's listeners).</summary>
    public string HostOf(int listener) => hosts[listener];

    /// <summary>The port on listener <paramref name="listener"/>.</summary>
    public int PortOf(int listener) => Volatile.Read(ref _ports[listener]);

    /// <summary>Records the port listener <paramref name="listener"/> is bound to.</summary>
    public void SetPort(int listener, int port) => Volatile.Write(ref _ports[listener], port);
}
