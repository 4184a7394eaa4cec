using System.Collections.Concurrent;
using System.Globalization;
using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.State;

/// <summary>A topic: its id, partitions and the configs set on it.</summary>
internal sealed class TopicState(string name, KafkaUuid id, ClusterDefaults defaults)
{
    public string Name { get; } = name;

    public KafkaUuid Id { get; } = id;

    public bool IsInternal => Name.StartsWith("__", StringComparison.Ordinal);

    private PartitionState[] _partitions = [];

    /// <summary>The partitions, by index: a snapshot that request handlers read without the cluster lock.</summary>
    public IReadOnlyList<PartitionState> Partitions => Volatile.Read(ref _partitions);

    /// <summary>Configs set on the topic (Kafka's DYNAMIC_TOPIC_CONFIG); read by request handlers while admin calls change them.</summary>
    public ConcurrentDictionary<string, string> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds the next partition (the caller holds the cluster lock): readers see the old or the new list, never half of one.</summary>
    public void AddPartition(PartitionState partition) => Volatile.Write(ref _partitions, [.. _partitions, partition]);

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
