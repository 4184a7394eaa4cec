namespace Kafka.Client;

/// <summary>Where a config's value comes from; the values are the protocol's (as Confluent.Kafka names them).</summary>
public enum ConfigSource
{
    /// <summary>Unknown, e.g. from a broker answering DescribeConfigs v0.</summary>
    UnknownConfig = 0,

    /// <summary>Set on the topic.</summary>
    DynamicTopicConfig = 1,

    /// <summary>Set dynamically on this broker.</summary>
    DynamicBrokerConfig = 2,

    /// <summary>Set dynamically as the default of every broker.</summary>
    DynamicDefaultBrokerConfig = 3,

    /// <summary>From the broker's properties file.</summary>
    StaticBrokerConfig = 4,

    /// <summary>Kafka's default.</summary>
    DefaultConfig = 5,

    /// <summary>A broker logger's level.</summary>
    DynamicBrokerLoggerConfig = 6,

    /// <summary>A client metrics subscription's config.</summary>
    ClientMetricsConfig = 7,

    /// <summary>A group's config.</summary>
    GroupConfig = 8,
}
