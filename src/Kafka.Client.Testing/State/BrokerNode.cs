namespace Kafka.Client.Testing.State;

/// <summary>A broker as the cluster's metadata knows it.</summary>
internal sealed class BrokerNode(int id, string host)
{
    public int Id { get; } = id;

    public string Host { get; } = host;

    public int Port { get; set; }

    public volatile bool Alive;
}
