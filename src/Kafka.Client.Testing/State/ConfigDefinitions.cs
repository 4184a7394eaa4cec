using System.Globalization;

namespace Kafka.Client.Testing.State;

/// <summary>The kind of a config value, numbered as DescribeConfigs v3+ reports it.</summary>
internal enum ConfigType : sbyte
{
    Boolean = 1,
    String = 2,
    Int = 3,
    Short = 4,
    Long = 5,
    Double = 6,
    List = 7,
}

/// <summary>Where a config value came from, numbered as DescribeConfigs reports it.</summary>
internal enum ConfigSource : sbyte
{
    DynamicTopic = 1,
    DynamicBroker = 2,
    DynamicDefaultBroker = 3,
    StaticBroker = 4,
    Default = 5,
    Group = 8,
}

/// <summary>One known config: its name, type, Kafka's default, and which values are allowed.</summary>
internal sealed record ConfigDefinition(string Name, ConfigType Type, string Default, string[]? Allowed = null, bool ReadOnly = false)
{
    /// <summary>Returns the problem with <paramref name="value"/>, or null when it is valid.</summary>
    public string? Validate(string? value)
    {
        if (value is null)
        {
            return null;
        }

        bool ok = Type switch
        {
            ConfigType.Boolean => value is "true" or "false",
            ConfigType.Int => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            ConfigType.Short => short.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            ConfigType.Long => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            ConfigType.Double => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        if (!ok)
        {
            return $"Invalid value {value} for configuration {Name}: not a valid {Type.ToString().ToLowerInvariant()}.";
        }

        if (Allowed is not null)
        {
            foreach (string part in Type == ConfigType.List ? value.Split(',', StringSplitOptions.TrimEntries) : [value])
            {
                if (Array.IndexOf(Allowed, part) < 0)
                {
                    return $"Invalid value {value} for configuration {Name}: String must be one of: {string.Join(", ", Allowed)}";
                }
            }
        }

        return null;
    }
}

/// <summary>Topic and broker configs with Kafka's defaults (from Kafka 4.0's TopicConfig, LogConfig and KafkaConfig docs).</summary>
internal static class ConfigDefinitions
{
    private const string LongMax = "9223372036854775807";

    public static readonly IReadOnlyDictionary<string, ConfigDefinition> Topic = Index(
    [
        new("cleanup.policy", ConfigType.List, "delete", ["delete", "compact"]),
        new("compression.type", ConfigType.String, "producer", ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"]),
        new("compression.gzip.level", ConfigType.Int, "-1"),
        new("compression.lz4.level", ConfigType.Int, "9"),
        new("compression.zstd.level", ConfigType.Int, "3"),
        new("delete.retention.ms", ConfigType.Long, "86400000"),
        new("file.delete.delay.ms", ConfigType.Long, "60000"),
        new("flush.messages", ConfigType.Long, LongMax),
        new("flush.ms", ConfigType.Long, LongMax),
        new("follower.replication.throttled.replicas", ConfigType.List, ""),
        new("index.interval.bytes", ConfigType.Int, "4096"),
        new("leader.replication.throttled.replicas", ConfigType.List, ""),
        new("local.retention.bytes", ConfigType.Long, "-2"),
        new("local.retention.ms", ConfigType.Long, "-2"),
        new("max.compaction.lag.ms", ConfigType.Long, LongMax),
        new("max.message.bytes", ConfigType.Int, "1048588"),
        new("message.timestamp.after.max.ms", ConfigType.Long, LongMax),
        new("message.timestamp.before.max.ms", ConfigType.Long, LongMax),
        new("message.timestamp.type", ConfigType.String, "CreateTime", ["CreateTime", "LogAppendTime"]),
        new("min.cleanable.dirty.ratio", ConfigType.Double, "0.5"),
        new("min.compaction.lag.ms", ConfigType.Long, "0"),
        new("min.insync.replicas", ConfigType.Int, "1"),
        new("preallocate", ConfigType.Boolean, "false"),
        new("remote.storage.enable", ConfigType.Boolean, "false"),
        new("retention.bytes", ConfigType.Long, "-1"),
        new("retention.ms", ConfigType.Long, "604800000"),
        new("segment.bytes", ConfigType.Int, "1073741824"),
        new("segment.index.bytes", ConfigType.Int, "10485760"),
        new("segment.jitter.ms", ConfigType.Long, "0"),
        new("segment.ms", ConfigType.Long, "604800000"),
        new("unclean.leader.election.enable", ConfigType.Boolean, "false"),
    ]);

    /// <summary>Broker configs shown by DescribeConfigs; the values come from the cluster's options.</summary>
    public static readonly IReadOnlyDictionary<string, ConfigDefinition> Broker = Index(
    [
        new("auto.create.topics.enable", ConfigType.Boolean, "true", ReadOnly: true),
        new("num.partitions", ConfigType.Int, "1"),
        new("default.replication.factor", ConfigType.Int, "1", ReadOnly: true),
        new("log.retention.ms", ConfigType.Long, "604800000"),
        new("log.retention.bytes", ConfigType.Long, "-1"),
        new("message.max.bytes", ConfigType.Int, "1048588"),
        new("min.insync.replicas", ConfigType.Int, "1"),
        new("compression.type", ConfigType.String, "producer", ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"]),
        new("log.message.timestamp.type", ConfigType.String, "CreateTime", ["CreateTime", "LogAppendTime"]),
        new("group.min.session.timeout.ms", ConfigType.Int, "6000", ReadOnly: true),
        new("group.max.session.timeout.ms", ConfigType.Int, "1800000", ReadOnly: true),
        new("group.initial.rebalance.delay.ms", ConfigType.Int, "3000", ReadOnly: true),
        new("offsets.topic.num.partitions", ConfigType.Int, "50", ReadOnly: true),
        new("socket.request.max.bytes", ConfigType.Int, "104857600", ReadOnly: true),
        new("node.id", ConfigType.Int, "-1", ReadOnly: true),
        new("broker.id", ConfigType.Int, "-1", ReadOnly: true),
        new("process.roles", ConfigType.List, "broker,controller", ReadOnly: true),
        new("listeners", ConfigType.String, "", ReadOnly: true),
        new("advertised.listeners", ConfigType.String, "", ReadOnly: true),
        new("log.dirs", ConfigType.String, "", ReadOnly: true),
        .. GroupConfigDefinitions.BrokerConfigs,
    ]);

    /// <summary>Topic configs whose broker-wide default has another name.</summary>
    public static readonly IReadOnlyDictionary<string, string> TopicToBroker = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["retention.ms"] = "log.retention.ms",
        ["retention.bytes"] = "log.retention.bytes",
        ["max.message.bytes"] = "message.max.bytes",
        ["min.insync.replicas"] = "min.insync.replicas",
        ["compression.type"] = "compression.type",
        ["message.timestamp.type"] = "log.message.timestamp.type",
    };

    private static Dictionary<string, ConfigDefinition> Index(ConfigDefinition[] definitions) =>
        definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
}
