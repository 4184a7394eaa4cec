using Kafka.Client.Protocol;
using Kafka.Client.Testing.Groups;
using Kafka.Client.Testing.Security;
using Kafka.Client.Testing.Storage;

namespace Kafka.Client.Testing.State;

/// <summary>
/// What the cluster's controller knows: brokers, topics, partitions and their leaders. Shared by every broker of
/// the embedded cluster; topic changes take <see cref="Sync"/>, partition changes also take the partition's lock.
/// </summary>
internal sealed partial class ClusterState : IDisposable
{
    private readonly Dictionary<string, TopicState> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<KafkaUuid, TopicState> _topicsById = [];
    private readonly Dictionary<int, BrokerNode> _brokers = [];
    private readonly Random _random = new();
    private readonly MetadataStore? _metadataStore;
    private long _nextProducerId = 1000;

    /// <summary>The listeners every broker has, in the order of the options; a connection knows its listener's index.</summary>
    public IReadOnlyList<BrokerListener> Listeners { get; }

    public ClusterState(EmbeddedKafkaClusterOptions options, IReadOnlyList<int> brokerIds)
    {
        Defaults = new ClusterDefaults(options);
        BrokerConfigs = new BrokerConfigStore(Defaults);
        Listeners = options.ResolveListeners();
        string[] hosts = [.. Listeners.Select(l => options.AdvertisedHost ?? l.Host)];
        foreach (int id in brokerIds)
        {
            _brokers[id] = new BrokerNode(id, hosts);
        }

        Pump = new ReplicationPump(this);
        Groups = new GroupCoordinator(options);
        Groups.Topics = () => [.. AllTopics().Select(t => new Kafka.Client.Testing.Groups.Consumer.TopicInfo(t.Name, t.Id, t.Partitions.Count))];
        if (options.DataDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            _metadataStore = new MetadataStore(directory);
            ClusterId = _metadataStore.LoadClusterId() ?? options.ClusterId ?? NewClusterId();
            _metadataStore.SaveClusterId(ClusterId);
            foreach (MetadataStore.TopicRecord record in _metadataStore.LoadTopics())
            {
                RestoreTopic(record);
            }

            // New producer ids must not collide with ids already in the recovered logs, or a new producer's first
            // batch would look like a retry of an old one and be acknowledged without being written.
            foreach (TopicState topic in _topics.Values)
            {
                foreach (PartitionState partition in topic.Partitions)
                {
                    foreach (StoredBatch batch in partition.Log.Batches)
                    {
                        _nextProducerId = Math.Max(_nextProducerId, BatchHeader.ProducerId(batch.Bytes));
                    }
                }
            }
        }
        else
        {
            ClusterId = options.ClusterId ?? NewClusterId();
        }

        Security = ClusterSecurity.Create(options, Listeners, ClusterId);
        if (options.DataDirectory is { } data)
        {
            new SecurityStore(data).Attach(Security, options.SaslUsers.Keys);
        }

        if (options.DataDirectory is not null)
        {
            // Transactions left open before a restart are loaded at once, so their timeout still aborts them.
            _ = Transactions;
        }
    }

    /// <summary>The cluster's TLS certificates and SASL users.</summary>
    public ClusterSecurity Security { get; }

    public object Sync { get; } = new();

    public ClusterDefaults Defaults { get; }

    public BrokerConfigStore BrokerConfigs { get; }

    public EmbeddedKafkaClusterOptions Options => Defaults.Options;

    public string ClusterId { get; }

    public ReplicationPump Pump { get; }

    private EmbeddedMetadataSnapshot? _staleMetadata;

    /// <summary>The consumer group coordinator, shared by every broker so a coordinator move keeps groups and offsets.</summary>
    public GroupCoordinator Groups { get; }

    /// <summary>When set, what Metadata answers say of the partitions it has (see <see cref="EmbeddedKafkaCluster.ServeStaleMetadata"/>).</summary>
    public EmbeddedMetadataSnapshot? StaleMetadata
    {
        get => Volatile.Read(ref _staleMetadata);
        set => Volatile.Write(ref _staleMetadata, value);
    }

    /// <summary>The latest requests of each API, as decoded (see <see cref="EmbeddedKafkaCluster.RecentRequests{TRequest}"/>).</summary>
    public Broker.RequestLog Requests { get; } = new();

    public IEnumerable<BrokerNode> Brokers => _brokers.Values.OrderBy(b => b.Id);

    public BrokerNode Broker(int id) => _brokers[id];

    public bool IsAlive(int id) => _brokers.TryGetValue(id, out BrokerNode? b) && b.Alive;

    public List<int> AliveBrokerIds()
    {
        lock (Sync)
        {
            return [.. _brokers.Values.Where(b => b.Alive).Select(b => b.Id).Order()];
        }
    }

    /// <summary>The controller Kafka would report: the lowest live broker id.</summary>
    public int ControllerId => AliveBrokerIds().DefaultIfEmpty(-1).First();

    private static string NewClusterId() => KafkaUuid.NewRandom().ToString();

    public long NextProducerId() => Interlocked.Increment(ref _nextProducerId);

    /// <summary>Makes sure <see cref="NextProducerId"/> never hands out <paramref name="producerId"/> or a lower id again.</summary>
    public void ReserveProducerId(long producerId)
    {
        long current;
        while ((current = Volatile.Read(ref _nextProducerId)) < producerId && Interlocked.CompareExchange(ref _nextProducerId, producerId, current) != current)
        {
        }
    }

    public TopicState? FindTopic(string name)
    {
        lock (Sync)
        {
            return _topics.GetValueOrDefault(name);
        }
    }

    public TopicState? FindTopic(KafkaUuid id)
    {
        lock (Sync)
        {
            return _topicsById.GetValueOrDefault(id);
        }
    }

    public List<TopicState> AllTopics()
    {
        lock (Sync)
        {
            return [.. _topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal)];
        }
    }

    public PartitionState? FindPartition(string topic, int partition)
    {
        TopicState? t = FindTopic(topic);
        if (t is null)
        {
            return null;
        }

        lock (Sync)
        {
            return partition >= 0 && partition < t.Partitions.Count ? t.Partitions[partition] : null;
        }
    }

    /// <summary>Finds a topic, creating it with the defaults when auto-creation is on.</summary>
    public TopicState? GetOrAutoCreate(string name, bool allowAutoCreate = true)
    {
        TopicState? topic = FindTopic(name);
        if (topic is not null || !allowAutoCreate || !Options.AutoCreateTopics || TopicNames.Validate(name) is not null)
        {
            return topic;
        }

        int alive = AliveBrokerIds().Count;
        short factor = (short)Math.Max(1, Math.Min(Options.DefaultReplicationFactor, alive));
        CreateTopic(name, Options.DefaultPartitions, factor, null, null, validateOnly: false, out _);
        return FindTopic(name);
    }

    /// <summary>Group coordinator placement: the leader of the <c>__consumer_offsets</c> partition the key hashes to (50 partitions).</summary>
    public int CoordinatorFor(string key)
    {
        List<int> alive = AliveBrokerIds();
        if (alive.Count == 0)
        {
            return -1;
        }

        int partition = (JavaHashCode(key) & 0x7fffffff) % 50;
        return alive[partition % alive.Count];
    }

    private static int JavaHashCode(string text)
    {
        int hash = 0;
        foreach (char c in text)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }

    private SegmentStore? NewStore(string topic, int partition) =>
        Options.DataDirectory is { } directory ? new SegmentStore(Path.Combine(directory, $"{topic}-{partition}")) : null;

    public void Dispose()
    {
        Security.Dispose();
        Pump.Dispose();
        _transactions?.Dispose();
        Groups.Dispose();
        lock (Sync)
        {
            foreach (TopicState topic in _topics.Values)
            {
                foreach (PartitionState partition in topic.Partitions)
                {
                    lock (partition.Sync)
                    {
                        partition.Log.Flush();
                        partition.Log.Close();
                    }
                }
            }
        }
    }
}
