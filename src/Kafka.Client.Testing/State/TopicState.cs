using System.Globalization;
using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.State;

/// <summary>A topic: its id, partitions and the configs set on it.</summary>
internal sealed class TopicState(string name, KafkaUuid id, ClusterDefaults defaults)
{
    public string Name { get; } = name;

    public KafkaUuid Id { get; } = id;

    public bool IsInternal => Name.StartsWith("__", StringComparison.Ordinal);

    public List<PartitionState> Partitions { get; } = [];

    /// <summary>Configs set on the topic (Kafka's DYNAMIC_TOPIC_CONFIG).</summary>
    public Dictionary<string, string> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>The value in force and where it comes from.</summary>
    public (string Value, ConfigSource Source) Effective(string config)
    {
        if (Overrides.TryGetValue(config, out string? own))
        {
            return (own, ConfigSource.DynamicTopic);
        }

        return defaults.TopicDefault(config);
    }

    public long GetLong(string config) => long.Parse(Effective(config).Value, CultureInfo.InvariantCulture);

    public int GetInt(string config) => int.Parse(Effective(config).Value, CultureInfo.InvariantCulture);

    public bool LogAppendTime => Effective("message.timestamp.type").Value == "LogAppendTime";
}
