using System.Globalization;

namespace Kafka.Client.Testing.State;

/// <summary>Broker-wide settings: the options of the cluster over Kafka's defaults.</summary>
internal sealed class ClusterDefaults(EmbeddedKafkaClusterOptions options)
{
    public EmbeddedKafkaClusterOptions Options { get; } = options;

    /// <summary>The default of a topic config: a cluster-wide setting if there is one, else Kafka's default.</summary>
    public (string Value, ConfigSource Source) TopicDefault(string config)
    {
        if (Options.TopicDefaults.TryGetValue(config, out string? configured))
        {
            return (configured, ConfigSource.StaticBroker);
        }

        switch (config)
        {
            case "retention.ms" when Options.LogRetentionMs != 604_800_000:
                return (Options.LogRetentionMs.ToString(CultureInfo.InvariantCulture), ConfigSource.StaticBroker);
            case "retention.bytes" when Options.LogRetentionBytes != -1:
                return (Options.LogRetentionBytes.ToString(CultureInfo.InvariantCulture), ConfigSource.StaticBroker);
        }

        return ConfigDefinitions.Topic.TryGetValue(config, out ConfigDefinition? definition)
            ? (definition.Default, ConfigSource.Default)
            : ("", ConfigSource.Default);
    }

    /// <summary>A broker config's value and source for broker <paramref name="brokerId"/>.</summary>
    public (string Value, ConfigSource Source) Broker(string config, int brokerId, string listener, string? dataDirectory)
    {
        string? value = config switch
        {
            "auto.create.topics.enable" => Options.AutoCreateTopics ? "true" : "false",
            "num.partitions" => Options.DefaultPartitions.ToString(CultureInfo.InvariantCulture),
            "default.replication.factor" => Options.DefaultReplicationFactor.ToString(CultureInfo.InvariantCulture),
            "log.retention.ms" => Options.LogRetentionMs.ToString(CultureInfo.InvariantCulture),
            "log.retention.bytes" => Options.LogRetentionBytes.ToString(CultureInfo.InvariantCulture),
            "group.min.session.timeout.ms" => Options.GroupMinSessionTimeoutMs.ToString(CultureInfo.InvariantCulture),
            "group.max.session.timeout.ms" => Options.GroupMaxSessionTimeoutMs.ToString(CultureInfo.InvariantCulture),
            "group.initial.rebalance.delay.ms" => Options.GroupInitialRebalanceDelayMs.ToString(CultureInfo.InvariantCulture),
            "group.consumer.session.timeout.ms" => Options.ConsumerGroupSessionTimeoutMs.ToString(CultureInfo.InvariantCulture),
            "group.consumer.min.session.timeout.ms" => Options.ConsumerGroupMinSessionTimeoutMs.ToString(CultureInfo.InvariantCulture),
            "group.consumer.heartbeat.interval.ms" => Options.ConsumerGroupHeartbeatIntervalMs.ToString(CultureInfo.InvariantCulture),
            "group.consumer.min.heartbeat.interval.ms" => Options.ConsumerGroupMinHeartbeatIntervalMs.ToString(CultureInfo.InvariantCulture),
            "group.consumer.assignors" => string.Join(",", Options.ConsumerGroupAssignors),
            "group.consumer.max.size" => Options.ConsumerGroupMaxSize.ToString(CultureInfo.InvariantCulture),
            "socket.request.max.bytes" => Options.MaxRequestSize.ToString(CultureInfo.InvariantCulture),
            "node.id" or "broker.id" => brokerId.ToString(CultureInfo.InvariantCulture),
            "listeners" or "advertised.listeners" => listener,
            "log.dirs" => dataDirectory ?? "",
            _ => null,
        };
        ConfigDefinition definition = ConfigDefinitions.Broker[config];
        if (value is null || value == definition.Default)
        {
            return (value ?? definition.Default, ConfigSource.Default);
        }

        return (value, ConfigSource.StaticBroker);
    }
}
