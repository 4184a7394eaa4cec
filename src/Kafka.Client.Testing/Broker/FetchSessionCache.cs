using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Broker;

/// <summary>
/// Incremental fetch sessions of KIP-227 on one broker: a session remembers the partitions a client fetches and
/// what it last told the client about each, so later requests and responses list only what changed.
/// </summary>
internal sealed class FetchSessionCache
{
    private const int MaxSessions = 1000;
    private readonly Dictionary<int, FetchSession> _sessions = [];
    private readonly Lock _sync = new();
    private int _nextId;

    public FetchSession Create()
    {
        lock (_sync)
        {
            if (_sessions.Count >= MaxSessions)
            {
                int oldest = _sessions.Values.MinBy(s => s.LastUsed)!.Id;
                _sessions.Remove(oldest);
            }

            int id;
            do
            {
                id = Interlocked.Increment(ref _nextId) & int.MaxValue;
            }
            while (id == 0 || _sessions.ContainsKey(id));

            var session = new FetchSession(id);
            _sessions[id] = session;
            return session;
        }
    }

    public bool TryGet(int id, out FetchSession session)
    {
        lock (_sync)
        {
            return _sessions.TryGetValue(id, out session!);
        }
    }

    public void Remove(int id)
    {
        lock (_sync)
        {
            _sessions.Remove(id);
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _sessions.Clear();
        }
    }
}

/// <summary>One fetch session: its partitions in order, and the next epoch the client must send.</summary>
internal sealed class FetchSession(int id)
{
    public int Id { get; } = id;

    public int NextEpoch { get; set; } = 1;

    public long LastUsed { get; set; } = Environment.TickCount64;

    /// <summary>The session's partitions, in the order they are served: added last, and moved last after returning data.</summary>
    public List<SessionPartition> Partitions { get; } = [];

    public SessionPartition? Find(string topic, int partition) =>
        Partitions.Find(p => p.Partition == partition && string.Equals(p.Topic, topic, StringComparison.Ordinal));
}

/// <summary>What a session knows of one partition.</summary>
internal sealed class SessionPartition(string topic, KafkaUuid topicId, int partition)
{
    public string Topic { get; } = topic;

    public KafkaUuid TopicId { get; } = topicId;

    public int Partition { get; } = partition;

    public long FetchOffset { get; set; }

    public int MaxBytes { get; set; }

    public int CurrentLeaderEpoch { get; set; } = -1;

    /// <summary>The high watermark last sent; -1 before the first response.</summary>
    public long SentHighWatermark { get; set; } = -1;

    public long SentLogStartOffset { get; set; } = -1;
}
