using System.Globalization;

namespace Kafka.Client;

/// <summary>Something with configs: a topic, a broker or a group.</summary>
/// <param name="Type">The kind of resource.</param>
/// <param name="Name">The topic name, the broker's node id (empty for the cluster-wide broker defaults), or the group id.</param>
public sealed record ConfigResource(ConfigResourceType Type, string Name)
{
    /// <summary>The configs of a topic.</summary>
    public static ConfigResource Topic(string name) => new(ConfigResourceType.Topic, name);

    /// <summary>The configs of a broker.</summary>
    public static ConfigResource Broker(int nodeId) => new(ConfigResourceType.Broker, nodeId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The configs of a group (Kafka 4.0+): <c>consumer.session.timeout.ms</c>, <c>consumer.heartbeat.interval.ms</c> and the <c>share.*</c> ones.</summary>
    /// <remarks>The group need not exist; a config it does not set has the broker's default (<see cref="ConfigSource.DefaultConfig"/>).</remarks>
    public static ConfigResource Group(string groupId) => new(ConfigResourceType.Group, groupId);

    /// <summary>"Topic orders", "Broker 1".</summary>
    public override string ToString() => $"{Type} {Name}";
}
