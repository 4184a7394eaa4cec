using System.Collections.Concurrent;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Kafka.Client.Cluster;

/// <summary>
/// A client's view of the cluster: one connection per broker, and the metadata cache (brokers, leaders,
/// replicas, ISR, topic ids), refreshed every <c>metadata.max.age.ms</c> and at once when a caller reports a
/// stale leader, an unknown topic or a lost connection. Shared by the producer, consumer and admin client.
/// </summary>
internal sealed partial class KafkaCluster : IAsyncDisposable
{
    private readonly ClusterSettings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, BrokerConnectionSlot> _slots = new();
    private readonly ConcurrentDictionary<string, TopicMetadata> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _interest = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _refreshLoop;
    private volatile Dictionary<int, BrokerMetadata> _brokers = [];
    private TaskCompletionSource _refreshWanted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private KafkaException? _unreachable;

    public KafkaCluster(ClusterSettings settings)
    {
        _settings = settings;
        _logger = settings.LoggerFactory.CreateLogger("Kafka.Client.Cluster");
        for (int i = 0; i < settings.Bootstrap.Count; i++)
        {
            var slot = new BrokerConnectionSlot(-1 - i, settings, _logger) { Address = settings.Bootstrap[i] };
            _slots[slot.NodeId] = slot;
        }

        Retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<KafkaException>(e => e.IsRetriable),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBackoff,
                MaxDelay = settings.RetryBackoffMax,
                MaxRetryAttempts = int.MaxValue,
            })
            .Build();
        _refreshLoop = RefreshLoopAsync(_stopping.Token);
    }

    public ClusterSettings Settings => _settings;

    /// <summary>Retries retriable Kafka errors with exponential backoff and jitter until the caller's token ends.</summary>
    public ResiliencePipeline Retry { get; }

    public string? ClusterId { get; private set; }

    public int ControllerId { get; private set; } = -1;

    public IReadOnlyDictionary<int, BrokerMetadata> Brokers => _brokers;

    /// <summary>Why the last attempt to reach any broker failed, or null once one was reached: for timeouts to say why.</summary>
    public KafkaException? Unreachable => Volatile.Read(ref _unreachable);

    /// <summary>The cached metadata of a topic, if any.</summary>
    public TopicMetadata? TryGetTopic(string topic) => _topics.GetValueOrDefault(topic);

    /// <summary>The cached metadata of the topic with this id, if any (a scan: for group assignments, not per record).</summary>
    public TopicMetadata? TryGetTopic(KafkaUuid topicId)
    {
        foreach (TopicMetadata topic in _topics.Values)
        {
            if (topic.Id == topicId)
            {
                return topic;
            }
        }

        return null;
    }

    /// <summary>
    /// The leader of a partition from the cache, with its leader epoch and the topic id; -1 when unknown, in which
    /// case the topic becomes of interest and a refresh is asked for.
    /// </summary>
    public int LeaderOf(TopicPartition topicPartition, out int leaderEpoch, out KafkaUuid topicId)
    {
        leaderEpoch = -1;
        topicId = KafkaUuid.Zero;
        if (_topics.TryGetValue(topicPartition.Topic, out TopicMetadata? topic))
        {
            topicId = topic.Id;
            PartitionMetadata[] partitions = topic.Partitions;
            int i = topicPartition.Partition;
            PartitionMetadata? partition = i >= 0 && i < partitions.Length && partitions[i].Partition == i
                ? partitions[i]
                : Array.Find(partitions, p => p.Partition == i);
            if (partition is { Leader: >= 0 })
            {
                leaderEpoch = partition.LeaderEpoch;
                return partition.Leader;
            }
        }

        AddInterest(topicPartition.Topic);
        RequestRefresh();
        return -1;
    }

    /// <summary>Topics this client cares about; the periodic refresh keeps them current.</summary>
    public void AddInterest(string topic) => _interest.TryAdd(topic, 0);

    public void RemoveInterest(string topic)
    {
        _interest.TryRemove(topic, out _);
        _topics.TryRemove(topic, out _);
    }

    /// <summary>Asks for a metadata refresh soon (stale leader, unknown topic, lost connection).</summary>
    public void RequestRefresh() => _refreshWanted.TrySetResult();

    /// <summary>The connection to broker <paramref name="nodeId"/>.</summary>
    /// <exception cref="KafkaException">The broker is unknown or unreachable (retriable).</exception>
    public Task<KafkaConnection> ConnectionToAsync(int nodeId, CancellationToken cancellationToken)
    {
        if (!_brokers.TryGetValue(nodeId, out BrokerMetadata? broker))
        {
            throw new KafkaException(ErrorCode.LeaderNotAvailable, $"Broker {nodeId} is not in the cluster metadata.");
        }

        BrokerConnectionSlot slot = _slots.GetOrAdd(nodeId, id => new BrokerConnectionSlot(id, _settings, _logger) { Address = new BrokerAddress(broker.Host, broker.Port) });
        slot.Address = new BrokerAddress(broker.Host, broker.Port);
        return slot.GetAsync(cancellationToken);
    }

    /// <summary>The open connection to broker <paramref name="nodeId"/>, or null when there is none (nothing is opened).</summary>
    public KafkaConnection? TryGetOpenConnection(int nodeId) =>
        _slots.TryGetValue(nodeId, out BrokerConnectionSlot? slot) ? slot.Current : null;

    /// <summary>
    /// A second connection to broker <paramref name="nodeId"/> for group coordination, so that a JoinGroup the
    /// coordinator holds for seconds never delays fetches (the Java client does the same).
    /// </summary>
    public Task<KafkaConnection> CoordinatorConnectionAsync(int nodeId, string host, int port, CancellationToken cancellationToken)
    {
        var address = new BrokerAddress(host, port);
        BrokerConnectionSlot slot = _slots.GetOrAdd(int.MaxValue - nodeId, id => new BrokerConnectionSlot(nodeId, _settings, _logger) { Address = address });
        slot.Address = address;
        return slot.GetAsync(cancellationToken);
    }

    /// <summary>A connection to any broker: an open one if there is one, else the known brokers and bootstrap servers in turn.</summary>
    public async Task<KafkaConnection> AnyConnectionAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, slot) in _slots)
        {
            if (slot.Current is { } open && (id >= 0 ? _brokers.ContainsKey(id) : true))
            {
                return open;
            }
        }

        var candidates = _brokers.Keys.Select(id => (int?)id).Concat(_slots.Keys.Where(k => k < 0).Select(k => (int?)k)).OrderBy(_ => Random.Shared.Next()).ToList();
        KafkaException? last = null;
        foreach (int? id in candidates)
        {
            try
            {
                KafkaConnection connection = id >= 0 ? await ConnectionToAsync(id.Value, cancellationToken).ConfigureAwait(false) : await _slots[id!.Value].GetAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _unreachable, null);
                return connection;
            }
            catch (KafkaAuthenticationException)
            {
                // Refused credentials or certificates fail the same way on every broker, now and later: not retried (Java's
                // NetworkClient surfaces AuthenticationException to the caller at once).
                throw;
            }
            catch (KafkaException e)
            {
                last = e;
            }
        }

        var unreachable = new KafkaException(ErrorCode.NetworkException,
            $"No broker is reachable (bootstrap servers: {string.Join(",", _settings.Bootstrap)}): {last?.Message}", innerException: last);
        Volatile.Write(ref _unreachable, unreachable);
        throw unreachable;
    }

    /// <summary>The metadata of a topic, fetched if not cached. A topic that does not exist has its error set.</summary>
    public async Task<TopicMetadata> GetTopicAsync(string topic, CancellationToken cancellationToken)
    {
        AddInterest(topic);
        if (_topics.TryGetValue(topic, out TopicMetadata? known) && known.Error == ErrorCode.None)
        {
            return known;
        }

        await RefreshAsync([topic], cancellationToken).ConfigureAwait(false);
        return _topics.GetValueOrDefault(topic) ?? new TopicMetadata(topic, KafkaUuid.Zero, ErrorCode.UnknownTopicOrPartition, [], false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _refreshLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (BrokerConnectionSlot slot in _slots.Values)
        {
            await slot.DisposeAsync().ConfigureAwait(false);
        }
    }
}
