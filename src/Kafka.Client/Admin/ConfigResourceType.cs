namespace Kafka.Client;

/// <summary>The kinds of resources that have configs; the values are the protocol's.</summary>
public enum ConfigResourceType : sbyte
{
    /// <summary>Not a known kind.</summary>
    Unknown = 0,

    /// <summary>A topic: the name is the topic name.</summary>
    Topic = 2,

    /// <summary>A broker: the name is its node id, or empty for the cluster-wide defaults.</summary>
    Broker = 4,

    /// <summary>A broker's log levels: the name is the broker's node id.</summary>
    BrokerLogger = 8,

    /// <summary>A group (Kafka 4.0+, KIP-848): the name is the group id; configs such as <c>consumer.session.timeout.ms</c>.</summary>
    Group = 32,
}
