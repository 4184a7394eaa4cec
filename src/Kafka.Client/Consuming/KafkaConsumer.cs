using Kafka.Client.Cluster;
using Kafka.Client.Consuming;
using Kafka.Client.Consuming.Assignment;
using Kafka.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kafka.Client;

/// <summary>
/// Consumes messages from Kafka, read with <c>await foreach</c>: fetches in the background from every broker that
/// leads an assigned partition (with incremental fetch sessions and a bound on prefetched bytes), and, with a
/// <c>group.id</c>, shares partitions with the other members of a consumer group and commits offsets.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <example>
/// <code>
/// await using var consumer = new KafkaConsumer&lt;string, string&gt;(new ConsumerOptions { BootstrapServers = "localhost:9092", GroupId = "billing" });
/// consumer.Subscribe("orders");
/// await foreach (ConsumeResult&lt;string, string&gt; record in consumer.ConsumeAsync(cancellationToken))
/// {
///     Console.WriteLine($"{record.TopicPartitionOffset}: {record.Message.Value}");
/// }
/// </code>
/// </example>
/// <remarks>
/// One consume loop at a time: <see cref="ConsumeAsync(CancellationToken)"/> and the other methods may be called
/// from any thread, but not concurrently with each other. Rebalance handlers run inside the consume loop.
/// </remarks>
public sealed partial class KafkaConsumer<TKey, TValue> : IAsyncDisposable
{
    private readonly ConsumerOptions _options;
    private readonly KafkaCluster _cluster;
    private readonly SubscriptionState _subscriptions = new();
    private readonly Fetcher _fetcher;
    private readonly IGroupMembership? _group;
    private readonly OffsetLookup _watermarkLookup;
    private readonly RecordMaterializer<TKey, TValue> _materializer;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private int _disposed;

    /// <summary>Creates a consumer; connections are opened on first use.</summary>
    /// <param name="options">The consumer's options; <see cref="ClientOptions.Validate"/> is called.</param>
    /// <param name="keyDeserializer">The key deserializer, or null for the built-in one of <typeparamref name="TKey"/>.</param>
    /// <param name="valueDeserializer">The value deserializer, or null for the built-in one of <typeparamref name="TValue"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the Kafka property.</exception>
    /// <exception cref="InvalidOperationException">There is no built-in deserializer for a type and none was given.</exception>
    public KafkaConsumer(ConsumerOptions options, IDeserializer<TKey>? keyDeserializer = null, IDeserializer<TValue>? valueDeserializer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _materializer = new RecordMaterializer<TKey, TValue>(keyDeserializer ?? Deserializers.GetDefault<TKey>(), valueDeserializer ?? Deserializers.GetDefault<TValue>());
        _cluster = new KafkaCluster(ClusterSettingsFactory.Create(options, 5, options.AllowAutoCreateTopics));
        _logger = _cluster.Settings.LoggerFactory.CreateLogger("Kafka.Client.Consumer");
        var retryBackoff = TimeSpan.FromMilliseconds(Math.Max(1, options.RetryBackoffMs));
        if (options.GroupId is { } groupId)
        {
            var requestTimeout = TimeSpan.FromMilliseconds(options.RequestTimeoutMs);
            if (options.GroupProtocol == GroupProtocol.Consumer)
            {
                _group = new ConsumerGroupMembership(_cluster, _subscriptions, new GroupSettings(groupId, options.GroupInstanceId, options.SessionTimeoutMs, options.MaxPollIntervalMs,
                    options.HeartbeatIntervalMs, options.ClientRack, [], retryBackoff, requestTimeout, options.GroupRemoteAssignor), _logger);
            }
            else
            {
                IReadOnlyList<IPartitionAssignor> assignors = options.PartitionAssignors is { Count: > 0 } custom
                    ? custom
                    : [.. options.PartitionAssignmentStrategy.Select(PartitionAssignors.Create)];
                _group = new GroupMember(_cluster, new GroupSettings(groupId, options.GroupInstanceId, options.SessionTimeoutMs, options.MaxPollIntervalMs,
                    options.HeartbeatIntervalMs, options.ClientRack, assignors, retryBackoff, requestTimeout), _logger);
            }
        }

        sbyte isolation = options.IsolationLevel == IsolationLevel.ReadCommitted ? (sbyte)1 : (sbyte)0;
        var settings = new FetcherSettings(options.FetchMinBytes, options.FetchMaxWaitMs, options.FetchMaxBytes, options.MaxPartitionFetchBytes, isolation,
            (long)options.QueuedMaxMessagesKbytes * 1024, options.CheckCrcs, options.ClientRack, options.AutoOffsetReset, retryBackoff,
            TimeSpan.FromMilliseconds(options.RequestTimeoutMs));
        var positions = new PositionResolver(_subscriptions, new OffsetLookup(_cluster, isolation), _group is null ? null : _group.FetchCommittedAsync, options.AutoOffsetReset);
        _fetcher = new Fetcher(_cluster, _subscriptions, settings, positions, _logger);
        _watermarkLookup = new OffsetLookup(_cluster, 0);
        _nextAutoCommit = Environment.TickCount64 + options.AutoCommitIntervalMs;
    }

    /// <summary>The consumer's options.</summary>
    public ConsumerOptions Options => _options;

    /// <summary>
    /// The member id in the group: the one the classic coordinator gave (empty before joining), or under
    /// <c>group.protocol=consumer</c> the one this consumer generated for its lifetime (KIP-1082); empty without a group.
    /// </summary>
    public string MemberId => _group?.MemberId ?? "";

    /// <summary>Called inside the consume loop with the partitions a rebalance newly assigned (not for <see cref="Assign(IEnumerable{TopicPartition})"/>).</summary>
    /// <remarks>Runs before any record of those partitions is fetched: a <see cref="Seek"/> here sets where consumption starts.</remarks>
    public PartitionsHandler? OnPartitionsAssigned { get; set; }

    /// <summary>Called inside the consume loop before partitions are taken away in a rebalance or on close; commit what was processed here.</summary>
    /// <remarks>With <c>enable.auto.commit</c>, consumed offsets of these partitions were committed just before.</remarks>
    public PartitionsHandler? OnPartitionsRevoked { get; set; }

    /// <summary>
    /// Called when partitions were lost: the consumer fell out of its generation (session timeout, <c>max.poll.interval.ms</c>),
    /// so other members may own them already; committing is pointless. When null, <see cref="OnPartitionsRevoked"/> is called, as in Java.
    /// </summary>
    public PartitionsHandler? OnPartitionsLost { get; set; }

    /// <summary>Bytes fetched and not yet handed out (for tests of the prefetch bound).</summary>
    internal long BufferedBytes => _fetcher.BufferedBytes;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>
    /// Closes the consumer: commits consumed offsets (with <c>enable.auto.commit</c>), calls the revoked handler,
    /// leaves the group (dynamic members), and closes the connections. Bounded by <c>default.api.timeout.ms</c>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Stop a consume loop waiting elsewhere and any join in flight first, so closing the group races with nothing.
        await _closing.CancelAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Min(30_000, Math.Max(1, _options.DefaultApiTimeoutMs))));
        try
        {
            if (_group is not null)
            {
                await CloseGroupAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (KafkaException e)
        {
            LogMessages.LogCloseFailed(_logger, e.Message);
        }

        if (_group is not null)
        {
            await _group.DisposeAsync().ConfigureAwait(false);
        }

        await _fetcher.DisposeAsync().ConfigureAwait(false);
        await _cluster.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
    }
}
