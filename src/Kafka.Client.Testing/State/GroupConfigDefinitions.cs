using System.Globalization;

namespace Kafka.Client.Testing.State;

/// <summary>
/// One group config of Kafka 4.0 (its <c>GroupConfig</c>): the name, the type, the broker config whose value is its
/// default, the broker configs that bound it (<c>group.consumer.min/max.*</c>), its own lower limit and allowed values.
/// </summary>
internal sealed record GroupConfigDefinition(
    string Name,
    ConfigType Type,
    string DefaultFrom,
    string? MinFrom = null,
    string? MaxFrom = null,
    int AtLeast = 1,
    string[]? Allowed = null)
{
    /// <summary>The problem with <paramref name="value"/> on its own (its type, its lower limit, its allowed values), or null.</summary>
    public string? Parse(string value, out int number)
    {
        number = 0;
        if (Type == ConfigType.Int)
        {
            if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
            {
                return $"Invalid value {value} for configuration {Name}: Not a number of type INT";
            }

            return number < AtLeast ? $"Invalid value {value} for configuration {Name}: Value must be at least {AtLeast}" : null;
        }

        return Allowed is not null && Array.IndexOf(Allowed, value.Trim()) < 0
            ? $"Invalid value {value} for configuration {Name}: String must be one of: {string.Join(", ", Allowed)}"
            : null;
    }
}

/// <summary>
/// The group configs of Kafka 4.0 (set with <c>kafka-configs.sh --entity-type groups</c>, ConfigResource type GROUP)
/// and the broker configs they default to and are bounded by, with Kafka's defaults.
/// </summary>
internal static class GroupConfigDefinitions
{
    public const string ConsumerSessionTimeoutMs = "consumer.session.timeout.ms";
    public const string ConsumerHeartbeatIntervalMs = "consumer.heartbeat.interval.ms";
    public const string ShareSessionTimeoutMs = "share.session.timeout.ms";
    public const string ShareHeartbeatIntervalMs = "share.heartbeat.interval.ms";
    public const string ShareRecordLockDurationMs = "share.record.lock.duration.ms";
    public const string ShareAutoOffsetReset = "share.auto.offset.reset";

    /// <summary>Every group config, by name.</summary>
    public static readonly IReadOnlyDictionary<string, GroupConfigDefinition> All = new GroupConfigDefinition[]
    {
        new(ConsumerHeartbeatIntervalMs, ConfigType.Int, "group.consumer.heartbeat.interval.ms", "group.consumer.min.heartbeat.interval.ms", "group.consumer.max.heartbeat.interval.ms"),
        new(ConsumerSessionTimeoutMs, ConfigType.Int, "group.consumer.session.timeout.ms", "group.consumer.min.session.timeout.ms", "group.consumer.max.session.timeout.ms"),
        new(ShareAutoOffsetReset, ConfigType.String, "", Allowed: ["latest", "earliest"]),
        new(ShareHeartbeatIntervalMs, ConfigType.Int, "group.share.heartbeat.interval.ms", "group.share.min.heartbeat.interval.ms", "group.share.max.heartbeat.interval.ms"),
        new(ShareRecordLockDurationMs, ConfigType.Int, "group.share.record.lock.duration.ms", "group.share.min.record.lock.duration.ms", "group.share.max.record.lock.duration.ms", AtLeast: 1000),
        new(ShareSessionTimeoutMs, ConfigType.Int, "group.share.session.timeout.ms", "group.share.min.session.timeout.ms", "group.share.max.session.timeout.ms"),
    }.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The default of a config with no broker config behind it.</summary>
    public static string FixedDefault(string name) => name == ShareAutoOffsetReset ? "latest" : "";

    /// <summary>The broker configs behind the group configs (read-only, as in Kafka), with Kafka 4.0's defaults.</summary>
    public static readonly ConfigDefinition[] BrokerConfigs =
    [
        new("group.consumer.session.timeout.ms", ConfigType.Int, "45000", ReadOnly: true),
        new("group.consumer.min.session.timeout.ms", ConfigType.Int, "45000", ReadOnly: true),
        new("group.consumer.max.session.timeout.ms", ConfigType.Int, "60000", ReadOnly: true),
        new("group.consumer.heartbeat.interval.ms", ConfigType.Int, "5000", ReadOnly: true),
        new("group.consumer.min.heartbeat.interval.ms", ConfigType.Int, "5000", ReadOnly: true),
        new("group.consumer.max.heartbeat.interval.ms", ConfigType.Int, "15000", ReadOnly: true),
        new("group.consumer.assignors", ConfigType.List, "uniform,range", ReadOnly: true),
        new("group.consumer.max.size", ConfigType.Int, "2147483647", ReadOnly: true),
        new("group.share.session.timeout.ms", ConfigType.Int, "45000", ReadOnly: true),
        new("group.share.min.session.timeout.ms", ConfigType.Int, "45000", ReadOnly: true),
        new("group.share.max.session.timeout.ms", ConfigType.Int, "60000", ReadOnly: true),
        new("group.share.heartbeat.interval.ms", ConfigType.Int, "5000", ReadOnly: true),
        new("group.share.min.heartbeat.interval.ms", ConfigType.Int, "5000", ReadOnly: true),
        new("group.share.max.heartbeat.interval.ms", ConfigType.Int, "15000", ReadOnly: true),
        new("group.share.record.lock.duration.ms", ConfigType.Int, "30000", ReadOnly: true),
        new("group.share.min.record.lock.duration.ms", ConfigType.Int, "15000", ReadOnly: true),
        new("group.share.max.record.lock.duration.ms", ConfigType.Int, "60000", ReadOnly: true),
    ];
}
