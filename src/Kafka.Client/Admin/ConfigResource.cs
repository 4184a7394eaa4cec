using System.Globalization;

namespace Kafka.Client;

/// <summary>Something with configs: a topic or a broker.</summary>
/// <param name="Type">The kind of resource.</param>
/// <param name="Name">The topic name, or the broker's node id (empty for the cluster-wide broker defaults).</param>
public sealed record ConfigResource(ConfigResourceType Type, string Name)
{
    /// <summary>The configs of a topic.</summary>
    public static ConfigResource Topic(string name) => new(ConfigResourceType.Topic, name);

    /// <summary>The configs of a broker.</summary>
    public static ConfigResource Broker(int nodeId) => new(ConfigResourceType.Broker, nodeId.ToString(CultureInfo.InvariantCulture));

    /// <summary>"Topic orders", "Broker 1".</summary>
    public override string ToString() => $"{Type} {Name}";
}
