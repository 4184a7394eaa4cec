using System.Text;
using Kafka.Client.Options;

namespace Kafka.Client;

public sealed partial class ConsumerOptions
{
    private static readonly (string Name, AutoOffsetReset Value)[] OffsetResetNames =
        [("latest", AutoOffsetReset.Latest), ("earliest", AutoOffsetReset.Earliest), ("none", AutoOffsetReset.None)];

    private static readonly (string Name, IsolationLevel Value)[] IsolationNames =
        [("read_uncommitted", IsolationLevel.ReadUncommitted), ("read_committed", IsolationLevel.ReadCommitted)];

    // Short names (librdkafka's and the assignors' protocol names, NOTES.md) first: they are the ones printed.
    private static readonly (string Name, PartitionAssignmentStrategy Value)[] StrategyNames =
    [
        ("range", Kafka.Client.PartitionAssignmentStrategy.Range),
        ("roundrobin", Kafka.Client.PartitionAssignmentStrategy.RoundRobin),
        ("sticky", Kafka.Client.PartitionAssignmentStrategy.Sticky),
        ("cooperative-sticky", Kafka.Client.PartitionAssignmentStrategy.CooperativeSticky),
        ("org.apache.kafka.clients.consumer.RangeAssignor", Kafka.Client.PartitionAssignmentStrategy.Range),
        ("org.apache.kafka.clients.consumer.RoundRobinAssignor", Kafka.Client.PartitionAssignmentStrategy.RoundRobin),
        ("org.apache.kafka.clients.consumer.StickyAssignor", Kafka.Client.PartitionAssignmentStrategy.Sticky),
        ("org.apache.kafka.clients.consumer.CooperativeStickyAssignor", Kafka.Client.PartitionAssignmentStrategy.CooperativeSticky),
    ];

    private static readonly (string Name, GroupProtocol Value)[] GroupProtocolNames =
        [("classic", Kafka.Client.GroupProtocol.Classic), ("consumer", Kafka.Client.GroupProtocol.Consumer)];

    private static readonly PropertyTable<ConsumerOptions> Table = new(
    [
        .. CommonProperties.For<ConsumerOptions>(),
        OptionProperties.String<ConsumerOptions>("group.id", "The consumer group.", static o => o.GroupId, static (o, v) => o.GroupId = v),
        OptionProperties.Enum("group.protocol", "The group protocol: classic or consumer (KIP-848).", static (ConsumerOptions o) => o.GroupProtocol, static (o, v) => o.GroupProtocol = v, GroupProtocolNames),
        OptionProperties.String<ConsumerOptions>("group.remote.assignor", "The broker's assignor under group.protocol=consumer; unset for the broker's default.", static o => o.GroupRemoteAssignor, static (o, v) => o.GroupRemoteAssignor = v, allowEmpty: false),
        OptionProperties.String<ConsumerOptions>("group.instance.id", "Static membership identity.", static o => o.GroupInstanceId, static (o, v) => o.GroupInstanceId = v, allowEmpty: false),
        OptionProperties.String<ConsumerOptions>("client.rack", "The consumer's rack, to fetch from a near replica.", static o => o.ClientRack, static (o, v) => o.ClientRack = v ?? ""),
        OptionProperties.Enum("auto.offset.reset", "Where to start without a committed offset: latest, earliest, none.", static (ConsumerOptions o) => o.AutoOffsetReset, static (o, v) => o.AutoOffsetReset = v, OffsetResetNames),
        OptionProperties.Boolean<ConsumerOptions>("enable.auto.commit", "Commit offsets in the background.", static o => o.EnableAutoCommit, static (o, v) => o.EnableAutoCommit = v),
        OptionProperties.Int32<ConsumerOptions>("auto.commit.interval.ms", "How often offsets are committed.", static o => o.AutoCommitIntervalMs, static (o, v) => o.AutoCommitIntervalMs = v, min: 0),
        OptionProperties.Int32<ConsumerOptions>("session.timeout.ms", "Heartbeat silence before removal from the group.", static o => o.SessionTimeoutMs, static (o, v) => o.SessionTimeoutMs = v, min: 1),
        OptionProperties.Int32<ConsumerOptions>("heartbeat.interval.ms", "How often heartbeats are sent.", static o => o.HeartbeatIntervalMs, static (o, v) => o.HeartbeatIntervalMs = v, min: 1),
        OptionProperties.Int32<ConsumerOptions>("max.poll.interval.ms", "Longest gap between polls; the rebalance timeout.", static o => o.MaxPollIntervalMs, static (o, v) => o.MaxPollIntervalMs = v, min: 1),
        OptionProperties.Int32<ConsumerOptions>("fetch.min.bytes", "Least data per fetch response.", static o => o.FetchMinBytes, static (o, v) => o.FetchMinBytes = v, min: 0),
        OptionProperties.Int32<ConsumerOptions>("fetch.max.wait.ms", "How long the broker may hold a fetch.", static o => o.FetchMaxWaitMs, static (o, v) => o.FetchMaxWaitMs = v, min: 0),
        OptionProperties.Int32<ConsumerOptions>("fetch.max.bytes", "Most data per fetch response.", static o => o.FetchMaxBytes, static (o, v) => o.FetchMaxBytes = v, min: 0),
        OptionProperties.Int32<ConsumerOptions>("max.partition.fetch.bytes", "Most data per partition per fetch.", static o => o.MaxPartitionFetchBytes, static (o, v) => o.MaxPartitionFetchBytes = v, min: 0),
        OptionProperties.Int32<ConsumerOptions>("max.poll.records", "Most records per poll.", static o => o.MaxPollRecords, static (o, v) => o.MaxPollRecords = v, min: 1),
        OptionProperties.Enum("isolation.level", "read_uncommitted or read_committed.", static (ConsumerOptions o) => o.IsolationLevel, static (o, v) => o.IsolationLevel = v, IsolationNames),
        new OptionProperty<ConsumerOptions>(
            "partition.assignment.strategy",
            "Assignors in preference order: short names or Java class names.",
            static (o, v) => o.PartitionAssignmentStrategy = ParseStrategies(v),
            static o => FormatStrategies(o.PartitionAssignmentStrategy),
            static o => StrategiesError(o.PartitionAssignmentStrategy)),
        OptionProperties.Boolean<ConsumerOptions>("check.crcs", "Check record batch CRCs.", static o => o.CheckCrcs, static (o, v) => o.CheckCrcs = v),
        OptionProperties.Boolean<ConsumerOptions>("allow.auto.create.topics", "Let the broker create missing topics.", static o => o.AllowAutoCreateTopics, static (o, v) => o.AllowAutoCreateTopics = v),
        OptionProperties.Int32<ConsumerOptions>("default.api.timeout.ms", "Timeout of calls that take none.", static o => o.DefaultApiTimeoutMs, static (o, v) => o.DefaultApiTimeoutMs = v, min: 0),
        OptionProperties.Int32<ConsumerOptions>("queued.max.messages.kbytes", "KiB of prefetched records (librdkafka's name).", static o => o.QueuedMaxMessagesKbytes, static (o, v) => o.QueuedMaxMessagesKbytes = v, min: 1, max: 2_097_151),
    ]);

    /// <summary>Creates options from Kafka property names and values, e.g. <c>"group.id" = "billing"</c>.</summary>
    /// <param name="properties">Names and values; a later pair for the same name wins.</param>
    /// <returns>The options, not yet validated (see <see cref="Validate"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="properties"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is unknown or a value is invalid; the message names the key and the value.</exception>
    public static ConsumerOptions FromProperties(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var options = new ConsumerOptions();
        Table.Apply(options, properties);
        return options;
    }

    /// <inheritdoc cref="FromProperties(IEnumerable{KeyValuePair{string, string}})"/>
    public static ConsumerOptions FromProperties(IDictionary<string, string> properties) =>
        FromProperties((IEnumerable<KeyValuePair<string, string>>)properties);

    /// <inheritdoc />
    /// <remarks>Under <c>group.protocol=consumer</c> the classic-only options are left out unless set, so the result is valid input again.</remarks>
    public override IReadOnlyDictionary<string, string> ToProperties()
    {
        Dictionary<string, string> properties = Table.ToProperties(this);
        if (GroupProtocol == GroupProtocol.Consumer)
        {
            var set = new HashSet<string>(ClassicOnlyOptionsSet(), StringComparer.Ordinal);
            foreach (string name in (string[])["partition.assignment.strategy", "heartbeat.interval.ms", "session.timeout.ms"])
            {
                if (!set.Contains(name))
                {
                    properties.Remove(name);
                }
            }
        }

        return properties;
    }

    /// <summary>The Kafka properties <see cref="FromProperties(IEnumerable{KeyValuePair{string, string}})"/> accepts, in table order.</summary>
    internal static IReadOnlyList<OptionProperty<ConsumerOptions>> KnownProperties => Table.Properties;

    private static PartitionAssignmentStrategy[] ParseStrategies(string value)
    {
        List<string> names = OptionProperties.SplitList(value);
        var strategies = new PartitionAssignmentStrategy[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            strategies[i] = OptionProperties.ParseName(names[i], StrategyNames);
        }

        if (StrategiesError(strategies) is { } error)
        {
            throw new FormatException(error);
        }

        return strategies;
    }

    private static string? FormatStrategies(IReadOnlyList<PartitionAssignmentStrategy>? strategies)
    {
        if (strategies is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (PartitionAssignmentStrategy strategy in strategies)
        {
            builder.Append(builder.Length > 0 ? "," : "").Append(OptionProperties.NameOf(strategy, StrategyNames) ?? strategy.ToString());
        }

        return builder.ToString();
    }

    private static string? StrategiesError(IReadOnlyList<PartitionAssignmentStrategy>? strategies)
    {
        if (strategies is null || strategies.Count == 0)
        {
            return "at least one assignor is required.";
        }

        for (int i = 0; i < strategies.Count; i++)
        {
            if (OptionProperties.NameOf(strategies[i], StrategyNames) is null)
            {
                return $"{strategies[i]} is not an assignor.";
            }

            for (int j = 0; j < i; j++)
            {
                if (strategies[j] == strategies[i])
                {
                    return $"{OptionProperties.NameOf(strategies[i], StrategyNames)} is listed twice.";
                }
            }
        }

        return null;
    }
}
