namespace Kafka.Client;

/// <summary>
/// Options of a consumer. Defaults are the Java client's (Kafka 4.0 <c>ConsumerConfig.java</c>); each property's
/// <c>remarks</c> give its Kafka name and default. Create with an object initializer, or from Kafka property names
/// with <see cref="FromProperties(IEnumerable{KeyValuePair{string, string}})"/>.
/// </summary>
public sealed partial class ConsumerOptions : ClientOptions
{
    private bool? _enableAutoCommit;
    private int? _sessionTimeoutMs;
    private int? _heartbeatIntervalMs;
    private IReadOnlyList<PartitionAssignmentStrategy>? _partitionAssignmentStrategy;

    /// <summary>The consumer group; null for a consumer that only assigns partitions itself and commits nothing.</summary>
    /// <remarks>Kafka: <c>group.id</c>. Default null.</remarks>
    public string? GroupId { get; set; }

    /// <summary>The group protocol: <see cref="GroupProtocol.Classic"/> or the broker-assigned <see cref="GroupProtocol.Consumer"/> protocol of KIP-848.</summary>
    /// <remarks>
    /// Kafka: <c>group.protocol</c> (<c>classic</c>, <c>consumer</c>). Default <see cref="GroupProtocol.Classic"/>.
    /// <see cref="GroupProtocol.Consumer"/> needs a broker with the ConsumerGroupHeartbeat API (Kafka 4.0+); under it
    /// <see cref="PartitionAssignmentStrategy"/>, <see cref="HeartbeatIntervalMs"/> and <see cref="SessionTimeoutMs"/> may
    /// not be set (the broker decides them: <c>group.consumer.*</c> broker and group configs), as in Java.
    /// </remarks>
    public GroupProtocol GroupProtocol { get; set; } = GroupProtocol.Classic;

    /// <summary>The server-side assignor the group should use under <see cref="GroupProtocol.Consumer"/> (<c>uniform</c>, <c>range</c>).</summary>
    /// <remarks>Kafka: <c>group.remote.assignor</c>. Default null: the broker's default (<c>uniform</c> in Kafka 4). Not settable under <see cref="GroupProtocol.Classic"/>.</remarks>
    public string? GroupRemoteAssignor { get; set; }

    /// <summary>A fixed identity in the group (static membership, KIP-345): a restart within the session timeout causes no rebalance.</summary>
    /// <remarks>Kafka: <c>group.instance.id</c>. Default null. Not empty; at most 249 characters of <c>a-z A-Z 0-9 . _ -</c>.</remarks>
    public string? GroupInstanceId { get; set; }

    /// <summary>The rack the consumer runs in, so it can fetch from a replica in the same rack (KIP-392).</summary>
    /// <remarks>Kafka: <c>client.rack</c>. Default empty (none). A consumer property only in Kafka 4.0.</remarks>
    public string ClientRack { get; set; } = "";

    /// <summary>Where to start when there is no committed offset, or it is out of range.</summary>
    /// <remarks>Kafka: <c>auto.offset.reset</c> (<c>latest</c>, <c>earliest</c>, <c>none</c>). Default <see cref="AutoOffsetReset.Latest"/>.</remarks>
    public AutoOffsetReset AutoOffsetReset { get; set; } = AutoOffsetReset.Latest;

    /// <summary>Whether consumed offsets are committed in the background every <see cref="AutoCommitIntervalMs"/>.</summary>
    /// <remarks>
    /// Kafka: <c>enable.auto.commit</c>. Default true, but off without a <see cref="GroupId"/>; set explicitly to true
    /// without a group id, <see cref="ClientOptions.Validate"/> fails, as in Java.
    /// </remarks>
    public bool EnableAutoCommit
    {
        get => _enableAutoCommit ?? true;
        set => _enableAutoCommit = value;
    }

    /// <summary>How often offsets are committed when <see cref="EnableAutoCommit"/> is on.</summary>
    /// <remarks>Kafka: <c>auto.commit.interval.ms</c>. Default 5000. At least 0.</remarks>
    public int AutoCommitIntervalMs { get; set; } = 5_000;

    /// <summary>How long the group coordinator waits for a heartbeat before it removes the consumer from the group.</summary>
    /// <remarks>Kafka: <c>session.timeout.ms</c>. Default 45000. At least 1; brokers bound it with <c>group.min/max.session.timeout.ms</c>.</remarks>
    public int SessionTimeoutMs
    {
        get => _sessionTimeoutMs ?? 45_000;
        set => _sessionTimeoutMs = value;
    }

    /// <summary>How often the consumer sends heartbeats to the group coordinator; well below <see cref="SessionTimeoutMs"/>, typically a third.</summary>
    /// <remarks>Kafka: <c>heartbeat.interval.ms</c>. Default 3000. At least 1.</remarks>
    public int HeartbeatIntervalMs
    {
        get => _heartbeatIntervalMs ?? 3_000;
        set => _heartbeatIntervalMs = value;
    }

    /// <summary>How long the application may go without asking for records before the consumer leaves the group; also the rebalance timeout.</summary>
    /// <remarks>Kafka: <c>max.poll.interval.ms</c>. Default 300000 (5 min). At least 1. Sent as the JoinGroup rebalance timeout.</remarks>
    public int MaxPollIntervalMs { get; set; } = 300_000;

    /// <summary>The least data a fetch response should carry; the broker waits up to <see cref="FetchMaxWaitMs"/> for it.</summary>
    /// <remarks>Kafka: <c>fetch.min.bytes</c>. Default 1. At least 0.</remarks>
    public int FetchMinBytes { get; set; } = 1;

    /// <summary>How long the broker may hold a fetch to gather <see cref="FetchMinBytes"/>.</summary>
    /// <remarks>Kafka: <c>fetch.max.wait.ms</c>. Default 500. At least 0.</remarks>
    public int FetchMaxWaitMs { get; set; } = 500;

    /// <summary>The most data a fetch response should carry (the first batch is returned even if larger).</summary>
    /// <remarks>Kafka: <c>fetch.max.bytes</c>. Default 52428800 (50 MiB). At least 0.</remarks>
    public int FetchMaxBytes { get; set; } = 52_428_800;

    /// <summary>The most data a fetch response should carry per partition (the first batch is returned even if larger).</summary>
    /// <remarks>Kafka: <c>max.partition.fetch.bytes</c>. Default 1048576 (1 MiB). At least 0.</remarks>
    public int MaxPartitionFetchBytes { get; set; } = 1_048_576;

    /// <summary>Accepted for configurations shared with the Java client; it has no effect here.</summary>
    /// <remarks>
    /// Kafka: <c>max.poll.records</c>. Default 500. At least 1. <see cref="KafkaConsumer{TKey, TValue}.ConsumeAsync(CancellationToken)"/>
    /// hands out one record at a time, so there is no poll batch to bound; <c>max.poll.interval.ms</c> counts the
    /// time between two records asked for.
    /// </remarks>
    public int MaxPollRecords { get; set; } = 500;

    /// <summary>Which transactional records the consumer sees.</summary>
    /// <remarks>Kafka: <c>isolation.level</c> (<c>read_uncommitted</c>, <c>read_committed</c>). Default <see cref="IsolationLevel.ReadUncommitted"/>.</remarks>
    public IsolationLevel IsolationLevel { get; set; } = IsolationLevel.ReadUncommitted;

    /// <summary>The assignors the consumer offers the group, in preference order.</summary>
    /// <remarks>
    /// Kafka: <c>partition.assignment.strategy</c>, a list of short names (<c>range</c>, <c>roundrobin</c>,
    /// <c>sticky</c>, <c>cooperative-sticky</c>) or Java class names
    /// (<c>org.apache.kafka.clients.consumer.RangeAssignor</c>...). Default [<see cref="PartitionAssignmentStrategy.Range"/>,
    /// <see cref="PartitionAssignmentStrategy.CooperativeSticky"/>], Java's since 3.0 (range is used until every
    /// member offers cooperative-sticky). Not empty, no repeats.
    /// </remarks>
    public IReadOnlyList<PartitionAssignmentStrategy> PartitionAssignmentStrategy
    {
        get => _partitionAssignmentStrategy ?? DefaultStrategies;
        set => _partitionAssignmentStrategy = value;
    }

    /// <summary>
    /// Assignors offered to the group instead of the built-in ones named by <see cref="PartitionAssignmentStrategy"/>,
    /// in preference order: for a custom <see cref="IPartitionAssignor"/>. Null (the default) uses <see cref="PartitionAssignmentStrategy"/>.
    /// </summary>
    /// <remarks>Not settable by Kafka property name (Java's takes class names; here pass instances).</remarks>
    public IReadOnlyList<IPartitionAssignor>? PartitionAssignors { get; set; }

    /// <summary>Whether record batches' CRCs are checked; costs some CPU, catches corruption on the wire or disk.</summary>
    /// <remarks>Kafka: <c>check.crcs</c>. Default true.</remarks>
    public bool CheckCrcs { get; set; } = true;

    /// <summary>Whether subscribing to or fetching a missing topic may create it (if the broker allows auto-creation).</summary>
    /// <remarks>Kafka: <c>allow.auto.create.topics</c>. Default true.</remarks>
    public bool AllowAutoCreateTopics { get; set; } = true;

    /// <summary>How long consumer calls without their own timeout (commit, position, offsets lookups) may take.</summary>
    /// <remarks>Kafka: <c>default.api.timeout.ms</c>. Default 60000 (1 min). At least 0.</remarks>
    public int DefaultApiTimeoutMs { get; set; } = 60_000;

    /// <summary>
    /// How many kilobytes of fetched records the consumer may hold before the application takes them: the bound
    /// on prefetching. Fetching pauses while the buffer is fuller than this.
    /// </summary>
    /// <remarks>
    /// librdkafka: <c>queued.max.messages.kbytes</c> (Confluent.Kafka <c>QueuedMaxMessagesKbytes</c>), default 65536
    /// (64 MiB), 1 to 2097151. The Java client has no such property: it buffers at most one fetch response per
    /// broker, itself bounded by <see cref="FetchMaxBytes"/>.
    /// </remarks>
    public int QueuedMaxMessagesKbytes { get; set; } = 65_536;

    private static IReadOnlyList<PartitionAssignmentStrategy> DefaultStrategies { get; } =
        [Kafka.Client.PartitionAssignmentStrategy.Range, Kafka.Client.PartitionAssignmentStrategy.CooperativeSticky];

    /// <summary>The classic-only options given a value, in code or by property, rather than left at their defaults (Java's check reads the originals the same way).</summary>
    internal IEnumerable<string> ClassicOnlyOptionsSet()
    {
        if (_partitionAssignmentStrategy is not null || PartitionAssignors is not null)
        {
            yield return "partition.assignment.strategy";
        }

        if (_heartbeatIntervalMs.HasValue)
        {
            yield return "heartbeat.interval.ms";
        }

        if (_sessionTimeoutMs.HasValue)
        {
            yield return "session.timeout.ms";
        }
    }

    /// <summary>True when <see cref="EnableAutoCommit"/> was set, in code or by property, rather than left at its default.</summary>
    internal bool EnableAutoCommitSetExplicitly => _enableAutoCommit.HasValue;
}
